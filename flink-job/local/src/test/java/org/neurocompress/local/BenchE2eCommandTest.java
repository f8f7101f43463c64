package org.neurocompress.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurocompress.synth.SyntheticRecording;

/** The end-to-end benchmark, small: it reports every figure and loses or duplicates nothing. No timing asserted. */
class BenchE2eCommandTest {
    @TempDir
    Path dir;

    @Test
    void reportsEveryFigureAndCountsFramesExactlyOnce() throws Exception {
        JsonNode r = bench("--channels", "4", "--duration", "3", "--warmup", "1", "--json");
        for (String field : new String[] {"channels", "seconds", "warmup_seconds", "samples_per_second",
            "realtime_factor", "latency_ms_p50", "latency_ms_p99", "peak_memory_mb", "frames", "frames_lost",
            "frames_duplicated", "cpu"}) {
            assertTrue(r.has(field), field);
        }
        assertEquals(4, r.get("channels").asInt());
        org.neurocompress.codec.CodecSpec codec = org.neurocompress.codec.Codecs.spec(org.neurocompress.codec.Codecs
                .DEFAULT);
        int perFrame = codec.level(codec.defaultLevel()).segmentsPerFrame() * codec.segmentLength();
        assertEquals(1.0, r.get("warmup_seconds").asDouble());
        int samples = 4 * 19531;    // the warm-up's second and the measured three: every frame checked
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

    @Test
    void replaysRecordingsAtTheirOwnRate() throws Exception {
        Path wav = dir.resolve("two-channels.wav");
        SyntheticRecording.write(wav, 2, 20_000, 16_000, 3);
        JsonNode r = bench("--channels", "3", "--duration", "2", "--codec", "raw", "--recordings", wav.toString(),
                "--warmup", "0", "--json");
        // 2 s at the recording's 16 kHz, looped past its 1.25 s: 32 000 samples a channel in frames of 4 096.
        org.neurocompress.codec.CodecSpec raw = org.neurocompress.codec.Codecs.spec("raw");
        int perFrame = raw.level(1).segmentsPerFrame() * raw.segmentLength();
        assertEquals(3 * ((32_000 + perFrame - 1) / perFrame), r.get("frames").asInt());
        assertEquals(0, r.get("frames_lost").asInt());
        assertEquals(0, r.get("frames_duplicated").asInt());
        JsonNode rate = r.get("samples_per_second");
        if (!rate.isNull()) {
            assertEquals(rate.asDouble() / (3 * 16_000.0), r.get("realtime_factor").asDouble(), 1e-9);
        }
    }

    @Test
    void refusesANegativeWarmUpInOneLine() {
        String err = CommandRun.refusal(new BenchE2eCommand(), "--channels", "2", "--warmup", "-1");
        assertTrue(err.contains("--warmup must be 0 or more seconds"), err);
    }

    private static JsonNode bench(String... args) throws Exception {
        return CommandRun.json(new BenchE2eCommand(), args);
    }
}
