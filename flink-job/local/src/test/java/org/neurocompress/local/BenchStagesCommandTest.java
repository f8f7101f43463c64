package org.neurocompress.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.neurocompress.codec.CodecSpec;
import org.neurocompress.codec.Codecs;

/** The stage benchmark, small: every stage measured, every sample and frame through it. No timing asserted. */
class BenchStagesCommandTest {
    @Test
    void measuresEveryStageOverEverySampleAndFrame() throws Exception {
        JsonNode r = bench("--channels", "5", "--duration", "1", "--codec", "dct", "--sidecar-fraction", "1", "--json");
        int samples = 19531;
        assertEquals(5L * samples, r.get("samples").asLong());
        CodecSpec dct = Codecs.spec("dct");
        int perFrame = dct.level(dct.defaultLevel()).segmentsPerFrame() * dct.segmentLength();
        // Whole frames, then each channel's short last one flushed at the end, as the job's idle flush does.
        assertEquals(5 * ((samples + perFrame - 1) / perFrame), r.get("frames").asInt());
        assertEquals(r.get("frames").asInt(), r.get("measured_frames").asInt(), "fraction 1 measures every frame");

        List<String> stages = new ArrayList<>();
        double nanos = 0;
        for (JsonNode s : r.get("stages")) {
            stages.add(s.get("stage").asText());
            double rate = s.get("samples_per_second_per_core").asDouble();
            assertTrue(rate > 0 && Double.isFinite(rate), s.toString());
            assertEquals(1e9 / rate, s.get("ns_per_sample").asDouble(), 1e-9 * s.get("ns_per_sample").asDouble());
            nanos += s.get("ns_per_sample").asDouble();
        }
        assertEquals(List.of("parse", "keyBy serialisation", "segment", "encode", "frame bytes", "sidecar"), stages);
        assertEquals(1e9 / nanos, r.get("all_stages_samples_per_second_per_core").asDouble(), 1e-6 * 1e9 / nanos);
        assertTrue(r.get("cpu").asText().contains("CPUs"), r.get("cpu").asText());
    }

    @Test
    void withoutTheSidecarNothingIsMeasured() throws Exception {
        JsonNode r = bench("--channels", "3", "--duration", "1", "--codec", "raw", "--sidecar-fraction", "0", "--json");
        assertEquals(0, r.get("measured_frames").asInt());
        assertTrue(r.get("frames").asInt() > 0);
    }

    @Test
    void refusesAnUnknownCodecInOneLine() {
        String err = CommandRun.refusal(new BenchStagesCommand(), "--codec", "nope");
        assertTrue(err.contains("unknown codec 'nope'"), err);
    }

    private static JsonNode bench(String... args) throws Exception {
        return CommandRun.json(new BenchStagesCommand(), args);
    }
}
