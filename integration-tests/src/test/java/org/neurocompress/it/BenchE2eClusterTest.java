package org.neurocompress.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.neurocompress.local.BenchE2eCommand;
import picocli.CommandLine;

/**
 * {@code bench e2e --cluster}, small: the job jar on a standalone cluster of separate JVMs (a JobManager and two
 * TaskManagers) delivers every channel's frames exactly once and the run reports its figures. No timing asserted.
 */
class BenchE2eClusterTest {
    @Test
    void runsTheJobOnAStandaloneClusterAndCountsFramesExactlyOnce() throws Exception {
        CommandLine cmd = new CommandLine(new BenchE2eCommand());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int channels = 6;
        int exit = org.neurocompress.cli.Main.run(cmd, new String[] {"--cluster", "--task-managers", "2",
            "--channels", Integer.toString(channels), "--duration", "3", "--codec", "raw", "--json"});
        assertEquals(0, exit, err.toString());
        JsonNode r = new ObjectMapper().readTree(out.toString());
        assertEquals(2, r.get("task_managers").asInt());
        int perFrame = org.neurocompress.codec.Codecs.spec("raw").level(1).segmentsPerFrame()
                * org.neurocompress.codec.Codecs.spec("raw").segmentLength();
        int samples = 3 * 19531;
        assertEquals(channels * ((samples + perFrame - 1) / perFrame), r.get("frames").asInt());
        assertEquals(0, r.get("frames_lost").asInt());
        assertEquals(0, r.get("frames_duplicated").asInt());
        // This process's peak and the cluster's three JVMs': more than this process alone ever held.
        assertTrue(r.get("peak_memory_mb").asLong() > org.neurocompress.bench.CodecBenchmark.peakRssMb(),
                r.toString());
    }
}
