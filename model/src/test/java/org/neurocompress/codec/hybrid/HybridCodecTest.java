package org.neurocompress.codec.hybrid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurocompress.codec.CodecLevel;
import org.neurocompress.codec.FrameDecoder;
import org.neurocompress.codec.FrameEncoder;
import org.neurocompress.codec.learned.LearnedCodecChecks;
import org.neurocompress.codec.learned.LearnedModel;
import org.neurocompress.codec.learned.TrainingData;
import org.neurocompress.codec.learned.TrainingOptions;
import org.neurocompress.codec.learned.TrainingRun;
import org.neurocompress.metrics.SpikeFidelity;
import org.neurocompress.synth.SyntheticElectrode;
import org.neurocompress.synth.SyntheticRecording;

/** The default codec: spikes kept at every level, training, and its model. */
class HybridCodecTest {
    private static final int RATE = SyntheticElectrode.N1_SAMPLE_RATE;

    @TempDir
    Path dir;

    /** Background activity without spikes: a slow LFP and noise on a 64-step ADC grid, one sharp spike added. */
    private static short[] backgroundWithOneSpike(int length, int spikeAt) {
        SplittableRandom random = new SplittableRandom(11);
        short[] x = new short[length];
        double[] spike = {0.2, 0.9, 1.0, 0.7, 0.2, -0.2, -0.4, -0.35, -0.25, -0.15, -0.08, -0.03};
        for (int i = 0; i < length; i++) {
            double v = 400 + 900 * Math.sin(2 * Math.PI * 7 * i / RATE) + random.nextGaussian() * 120;
            int j = i - spikeAt;
            if (j >= 0 && j < spike.length) {
                v -= 2500 * spike[j];
            }
            x[i] = (short) (64 * Math.round(v / 64));
        }
        return x;
    }

    /** The channel x encoded frame by frame at the level, and decoded. */
    private static short[] roundTrip(HybridCodec codec, int level, short[] x) throws Exception {
        FrameEncoder encoder = new FrameEncoder(codec, level);
        FrameDecoder decoder = new FrameDecoder(codec);
        short[] y = new short[x.length];
        for (int at = 0; at < x.length; at += encoder.samplesPerFrame()) {
            int n = Math.min(encoder.samplesPerFrame(), x.length - at);
            System.arraycopy(decoder.decode(encoder.encode(0, at, RATE, x, at, n)), 0, y, at, n);
        }
        return y;
    }

    /** The encoder prepares and ranks a batch a group of frames at a time: the grouping may not change a byte. */
    @Test
    void aBatchOfSeveralGroupsEncodesAsItsFramesOneByOne() throws Exception {
        short[] signal = new SyntheticElectrode(5, RATE).samples(9 * 65_536);
        List<short[]> runs = new java.util.ArrayList<>();
        for (int i = 0; i < 9; i++) {
            // Frames of level 5, the last one short: two groups and a bit.
            runs.add(java.util.Arrays.copyOfRange(signal, i * 65_536, (i + 1) * 65_536 - (i == 8 ? 1000 : 0)));
        }
        assertTrue(9 * 65_536 - 1000 > 2 * HybridEncoder.GROUP_SAMPLES);
        int[] budgets = new int[runs.size()];
        java.util.Arrays.fill(budgets, 640);
        try (HybridCodec codec = HybridCodec.open(Optional.empty())) {
            List<byte[]> batch = codec.encodeBatch(runs, 5, budgets);
            for (int i = 0; i < runs.size(); i++) {
                assertArrayEquals(codec.encode(runs.get(i), 0, runs.get(i).length, 5, budgets[i]), batch.get(i),
                        "frame " + i);
            }
        }
    }

    @Test
    void aStrongIsolatedSpikeSurvivesAtEveryLevel() throws Exception {
        short[] x = backgroundWithOneSpike(5 * RATE, 3 * RATE + 123);
        SpikeFidelity.Filters filters = SpikeFidelity.Filters.of(RATE);
        assertEquals(1, SpikeFidelity.measure(x, x, filters).originalSpikes(), "the signal has the one spike");
        try (HybridCodec codec = HybridCodec.open(Optional.empty())) {
            for (CodecLevel level : codec.levels()) {
                SpikeFidelity s = SpikeFidelity.measure(x, roundTrip(codec, level.level(), x), filters);
                assertEquals(1.0, s.f1(), "level " + level.level() + ": " + s);
            }
        }
    }

    /**
     * Spikes whose troughs lie around the threshold, in noise whose level changes from frame to frame, so that a
     * frame's own estimate of the threshold and the recording's (the metric's) disagree: at the short frames of 10x
     * and 25x the decoded signal still counts them as the original does.
     */
    @Test
    void spikesNearTheThresholdCountTheSameAtTheShortFrames() throws Exception {
        SplittableRandom random = new SplittableRandom(5);
        int length = 5 * RATE;
        double[] spike = {0.2, 0.9, 1.0, 0.7, 0.2, -0.2, -0.4, -0.35, -0.25, -0.15, -0.08, -0.03};
        double[] v = new double[length];
        for (int i = 0; i < length; i++) {
            // Noise that changes level every 3000 samples, as real recordings do: a frame's own threshold is then
            // up to a fifth off the recording's.
            double sigma = (i / 3000) % 2 == 0 ? 95 : 145;
            v[i] = 400 + 900 * Math.sin(2 * Math.PI * 7 * i / RATE) + random.nextGaussian() * sigma;
        }
        // Amplitudes spread over the threshold's neighbourhood (a spike of amplitude A has a band-passed trough of
        // about 0.8 A; the recording's threshold is near 540).
        for (int k = 0; k < 60; k++) {
            int at = 400 + k * (length - 800) / 60 + random.nextInt(100);
            double amplitude = 560 + 260 * random.nextDouble();
            for (int j = 0; j < spike.length; j++) {
                v[at + j] -= amplitude * spike[j];
            }
        }
        short[] x = new short[length];
        for (int i = 0; i < length; i++) {
            x[i] = (short) (64 * Math.round(v[i] / 64));
        }
        SpikeFidelity.Filters filters = SpikeFidelity.Filters.of(RATE);
        assertTrue(SpikeFidelity.measure(x, x, filters).originalSpikes() >= 20, "spikes around the threshold");
        try (HybridCodec codec = HybridCodec.open(Optional.empty())) {
            for (int level = 1; level <= 2; level++) {
                SpikeFidelity s = SpikeFidelity.measure(x, roundTrip(codec, level, x), filters);
                assertTrue(s.f1() >= 0.95, "level " + level + ": " + s);
            }
        }
    }

    /** Events are coded in ascending position whatever their order in the encoder's list (it keeps them by priority). */
    @Test
    void eventsCodeTheSameInAnyOrder() {
        int[] priors = org.neurocompress.entropy.AdaptiveBits.uniform(EventCoder.CONTEXTS);
        List<SpikeEvent> sorted = List.of(new SpikeEvent(10, 3, 5), new SpikeEvent(200, 7, -9), new SpikeEvent(4000, 0, 2));
        List<SpikeEvent> shuffled = List.of(sorted.get(2), sorted.get(0), sorted.get(1));
        assertArrayEquals(coded(sorted, priors), coded(shuffled, priors));
    }

    private static byte[] coded(List<SpikeEvent> events, int[] priors) {
        org.neurocompress.entropy.RangeEncoder rc = new org.neurocompress.entropy.RangeEncoder();
        new EventCoder(priors).encode(rc, events);
        return rc.finish();
    }

    @Test
    void framesCarryTheFirstFourBytesOfTheModelsFingerprint() throws Exception {
        try (HybridCodec codec = HybridCodec.open(Optional.empty());
                LearnedModel model = LearnedModel.shipped(new HybridPreset())) {
            assertEquals(HybridCodec.FINGERPRINT_BYTES, codec.fingerprint().length);
            assertArrayEquals(java.util.Arrays.copyOf(model.fingerprint(), 4), codec.fingerprint());
        }
    }

    @Test
    void trainingLearnsWaveformsAndPriorsAndTheModelCodes() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        for (int f = 0; f < 4; f++) {
            SyntheticRecording.write(data.resolve("rec" + f + ".wav"), 1, 6L * RATE, RATE, 40 + f);
        }
        TrainingData recordings = TrainingData.load(data, HybridCodec.SEGMENT_LENGTH, w -> { });
        Path out = dir.resolve("model");
        HybridPreset preset = new HybridPreset();
        List<Double> losses = new TrainingRun(preset, recordings, new TrainingOptions(4, 1, out, false))
                .run(LearnedCodecChecks.QUIET).epochLosses();
        assertTrue(losses.stream().allMatch(Double::isFinite), "losses " + losses);
        assertTrue(losses.get(3) < losses.get(0), "losses " + losses);
        try (LearnedModel model = LearnedModel.load(out, preset)) {
            HybridNetwork network = (HybridNetwork) model.network();
            for (float[] shape : network.shapes()) {
                double norm = 0;
                for (float v : shape) {
                    norm += v * v;
                }
                assertEquals(1, norm, 1e-3, "waveforms are unit norm");
            }
            float[][] logits = network.priorLogits();
            assertNotEquals(0f, logits[0][CoefficientCoder.ZERO + 3], "a context every frame reaches has a prior");
        }
        try (HybridCodec codec = HybridCodec.open(Optional.of(out))) {
            short[] x = new SyntheticElectrode(77, RATE).samples(30_000);
            LearnedCodecChecks.batchedEqualsOneAtATime(codec, List.of(x, java.util.Arrays.copyOf(x, 5000)), 3,
                    new int[] {600, 100});
            LearnedCodecChecks.nativeMemoryIsFreed(codec, x, 3, 600);
            assertEquals(x.length, codec.decode(codec.encode(x, 0, x.length, 3, 600), x.length, 3).length);
        }
    }
}
