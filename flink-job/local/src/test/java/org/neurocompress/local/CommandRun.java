package org.neurocompress.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * Runs a command as the launcher does and reads what it printed as JSON (failing with its error output if it failed),
 * or, for a command that must refuse its arguments, returns what it printed on its error stream.
 */
final class CommandRun {
    private CommandRun() {
    }

    static JsonNode json(Object command, String... args) throws Exception {
        CommandLine cmd = new CommandLine(command);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int exit = org.neurocompress.cli.Main.run(cmd, args);
        assertEquals(0, exit, err.toString());
        return new ObjectMapper().readTree(out.toString());
    }

    static String refusal(Object command, String... args) {
        CommandLine cmd = new CommandLine(command);
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(new StringWriter(), true));
        cmd.setErr(new PrintWriter(err, true));
        int exit = org.neurocompress.cli.Main.run(cmd, args);
        assertNotEquals(0, exit, "the command should have refused " + String.join(" ", args));
        return err.toString();
    }
}
