package org.neurocompress.codec.learned;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.neurocompress.synth.SyntheticRecording;

/**
 * Every shipped preset trains to finite, falling losses on this machine's CPU, whatever it is (CI runs on whatever
 * x86-64 it has), with the native settings the build gives its test JVMs.
 */
class EveryPresetTrainsTest {
    @TempDir
    Path dir;

    static List<String> shippedPresets() {
        return Presets.names().stream().filter(n -> !n.startsWith("test-")).toList();
    }

    @ParameterizedTest
    @MethodSource("shippedPresets")
    void threeEpochsGiveFiniteLossesThatFall(String name) throws Exception {
        Preset preset = Presets.byName(name);
        Path data = Files.createDirectories(dir.resolve("data"));
        // Long enough for 64 batches an epoch of vqcae: its random quantiser depth then visits every one of its 48
        // stages in the first epoch. With 16 batches, later epochs drew depths whose stages had never trained (their
        // projections still random), and those batches' losses of 6-18 against 1.5 decided the epoch mean (seen on
        // an AMD EPYC with AVX-512).
        for (int f = 0; f < 4; f++) {
            SyntheticRecording.write(data.resolve("rec" + f + ".wav"), 2, 64 * 8192, 19531, 100 + f);
        }
        TrainingData segments = TrainingData.load(data, preset.segmentLength(), w -> { });
        List<Double> losses = new TrainingRun(preset, segments, new TrainingOptions(3, 1, dir.resolve("model"),
                false)).run(LearnedCodecChecks.QUIET).epochLosses();
        assertEquals(3, losses.size());
        assertTrue(losses.stream().allMatch(Double::isFinite), name + ": losses " + losses);
        // vqcae trains a random quantiser depth per batch, so its epoch losses are noisy: a later one is lower.
        assertTrue(Math.min(losses.get(1), losses.get(2)) < losses.get(0), name + ": losses " + losses);
    }
}
