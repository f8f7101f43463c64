package org.neurocompress.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The end-to-end benchmark, small: it reports every figure and loses or duplicates nothing. No timing asserted. */
class BenchE2eCommandTest {
    @Test
    void reportsEveryFigureAndCountsFramesExactlyOnce() throws Exception {
        CommandLine cmd = new CommandLine(new BenchE2eCommand());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int exit = org.neurocompress.cli.Main.run(cmd, new String[] {"--channels", "4", "--duration", "3", "--json"});
        assertEquals(0, exit, err.toString());
        JsonNode r = new ObjectMapper().readTree(out.toString());
        for (String field : new String[] {"channels", "seconds", "samples_per_second", "realtime_factor",
            "latency_ms_p50", "latency_ms_p99", "peak_memory_mb", "frames", "frames_lost", "frames_duplicated"}) {
            assertTrue(r.has(field), field);
        }
        assertEquals(4, r.get("channels").asInt());
        org.neurocompress.codec.CodecSpec codec = org.neurocompress.codec.Codecs.spec(org.neurocompress.codec.Codecs
                .DEFAULT);
        int perFrame = codec.level(codec.defaultLevel()).segmentsPerFrame() * codec.segmentLength();
        int samples = 3 * 19531;
        assertEquals(4 * ((samples + perFrame - 1) / perFrame), r.get("frames").asInt(), "4 channels x " + samples
                + " samples in " + perFrame + "-sample frames");
        assertEquals(0, r.get("frames_lost").asInt());
        assertEquals(0, r.get("frames_duplicated").asInt());
        // Null when every whole frame came with the first checkpoint; otherwise consistent with the factor.
        JsonNode rate = r.get("samples_per_second");
        assertTrue(rate.isNull() || rate.asDouble() > 0, rate.toString());
        if (!rate.isNull()) {
            assertEquals(rate.asDouble() / (4 * 19531.0), r.get("realtime_factor").asDouble(), 1e-9);
        }
    }
}
