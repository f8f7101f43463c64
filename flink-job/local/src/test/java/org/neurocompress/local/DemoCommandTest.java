package org.neurocompress.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The README's first command, small: everything starts, runs, reports and cleans up. */
class DemoCommandTest {
    @TempDir
    Path dir;

    @Test
    void theDemoReplaysCompressesMeasuresAndReports() throws Exception {
        Path report = dir.resolve("report");
        CommandLine cmd = new CommandLine(new DemoCommand());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int exit = org.neurocompress.cli.Main.run(cmd, new String[] {"--channels", "4", "--duration", "3",
            "--no-watch", "--web", "--web-port", "0", "--report", report.toString()});
        assertEquals(0, exit, err.toString());
        JsonNode summary = new ObjectMapper().readTree(report.resolve("summary.json").toFile());
        assertEquals(4, summary.get("channels").asInt());
        assertEquals(4L * Math.round(3 * 19531.0), summary.get("samples").asLong(), "every replayed sample is framed");
        assertEquals(0, summary.get("dead_letters").asInt());
        assertTrue(summary.get("metrics_records").asInt() > 0, "the sidecar published metrics");
        double ratio = summary.get("aggregate").get("compression_ratio").get("median").asDouble();
        assertTrue(ratio > 100 && ratio < 250, "the default codec's default level aims at 200x: " + ratio);
        assertTrue(Files.size(report.resolve("waveform.png")) > 1000);
        assertTrue(out.toString().contains("demo: "), out.toString());
        // With --web, the page's picture (Debian's Chromium, installed by the README's test command).
        assertTrue(err.toString().contains("demo: web view at http://localhost:"), err.toString());
        byte[] png = Files.readAllBytes(report.resolve("web-view.png"));
        assertTrue(png.length > 5000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', "a PNG of the web view");
    }
}
