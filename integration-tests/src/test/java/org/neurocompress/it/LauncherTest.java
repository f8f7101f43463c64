package org.neurocompress.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command, through the launcher on the class path it builds (runtime scope, not the tests'):
 * the demo runs the job end to end. A dependency the job needs at run time but the tests only have in test scope
 * fails here.
 */
class LauncherTest {
    private static final Path ROOT = Path.of(System.getProperty("repositoryRoot", "..")).toAbsolutePath().normalize();

    @Test
    void theDemoRunsThroughTheLauncher(@TempDir Path dir) throws IOException, InterruptedException {
        Path report = dir.resolve("report");
        Path log = dir.resolve("demo.log");
        Process p = new ProcessBuilder("bash", ROOT.resolve("neurocompress").toString(), "demo", "--channels", "2",
                "--duration", "3", "--no-watch", "--report", report.toString()).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean done = p.waitFor(5, TimeUnit.MINUTES);
        if (!done) {
            p.destroyForcibly();
        }
        String output = Files.readString(log);
        assertTrue(done, "the demo did not finish in 5 minutes:\n" + output);
        assertEquals(0, p.exitValue(), output);
        JsonNode summary = new ObjectMapper().readTree(report.resolve("summary.json").toFile());
        assertTrue(summary.get("frames").asLong() > 0, summary.toString());
        assertEquals(0, summary.get("dead_letters").asLong(), summary.toString());
    }
}
