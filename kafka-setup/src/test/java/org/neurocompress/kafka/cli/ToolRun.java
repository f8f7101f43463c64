package org.neurocompress.kafka.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs a Kafka tool's command line in this JVM, as the launcher would, and keeps what it printed. */
record ToolRun(int exit, String out, String err) {
    static ToolRun run(String... args) {
        var cmd = ToolsMain.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int exit = org.neurocompress.cli.Main.run(cmd, args);
        return new ToolRun(exit, out.toString(), err.toString());
    }
}
