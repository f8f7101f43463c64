package org.neurocompress.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurocompress.synth.SyntheticRecording;
import org.neurocompress.wav.WavReader;

/** Spike fidelity on signals whose spikes are known, and against the reference script's figures. */
class SpikeFidelityTest {
    private static final int RATE = 19531;
    private static final SpikeFidelity.Filters FILTERS = SpikeFidelity.Filters.of(RATE);

    @TempDir
    Path dir;

    /** Quiet noise with sharp negative spikes at the given samples, each far above the threshold. */
    private static short[] noiseWithSpikes(long seed, int length, int... spikes) {
        SplittableRandom random = new SplittableRandom(seed);
        short[] x = new short[length];
        for (int i = 0; i < length; i++) {
            x[i] = (short) Math.round(random.nextGaussian() * 40);
        }
        for (int t : spikes) {
            addSpike(x, t, -3000);
        }
        return x;
    }

    /** A 1 ms biphasic action potential whose steep fall starts at sample t. */
    private static void addSpike(short[] x, int t, double amplitude) {
        double[] shape = {0.3, 1.0, 0.8, 0.4, 0.1, -0.2, -0.35, -0.3, -0.2, -0.1, -0.05};
        for (int j = 0; j < shape.length; j++) {
            x[t + j] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, x[t + j] + amplitude * shape[j]));
        }
    }

    @Test
    void selectLeavesEveryValueOnItsSideOfTheRankAndTheNextRankIsTheSmallestAfterIt() {
        SplittableRandom random = new SplittableRandom(3);
        for (int trial = 0; trial < 200; trial++) {
            int length = 2 + random.nextInt(300);
            double[] v = new double[length];
            for (int i = 0; i < length; i++) {
                // Few distinct values in some trials: ties are where a partition goes wrong.
                v[i] = trial % 2 == 0 ? random.nextInt(5) : random.nextGaussian();
            }
            double[] sorted = v.clone();
            java.util.Arrays.sort(sorted);
            int k = random.nextInt(length - 1);
            assertEquals(sorted[k], SpikeFidelity.select(v, k));
            for (int i = 0; i < length; i++) {
                if (i < k && v[i] > sorted[k] || i > k && v[i] < sorted[k]) {
                    throw new AssertionError("value " + v[i] + " at " + i + " on the wrong side of rank " + k);
                }
            }
            assertEquals(sorted[k + 1], SpikeFidelity.smallestFrom(v, k + 1));
        }
    }

    @Test
    void theNarrowedMedianIsTheSortedMedianOnNoiseTiesSortedRunsAndOutliers() {
        SplittableRandom random = new SplittableRandom(11);
        for (int trial = 0; trial < 120; trial++) {
            int length = 1 + random.nextInt(trial < 60 ? 20_000 : 140_000);
            int stride = 1 + random.nextInt(3);
            double[] x = new double[length];
            for (int i = 0; i < length; i++) {
                x[i] = switch (trial % 7) {
                    case 0 -> random.nextGaussian() * 30;
                    case 1 -> random.nextInt(7) - 3; // few distinct magnitudes: ties at the median
                    case 2 -> i; // sorted: the sample and the data share their order
                    case 3 -> length - i;
                    case 4 -> random.nextInt(50) == 0 ? -1e4 : random.nextGaussian(); // spikes far out
                    case 5 -> random.nextGaussian();
                    default -> 5; // constant: narrowing cannot narrow
                };
            }
            int n = (length + stride - 1) / stride;
            if (trial % 7 == 5) {
                // Outliers exactly where the narrowing samples (1024 evenly spaced values): it is misled and must
                // start again the plain way.
                for (int j = 0; j < 1024 && n > 4096; j++) {
                    x[(int) ((long) j * n / 1024) * stride] = 1e6;
                }
            }
            double[] magnitudes = new double[n];
            for (int i = 0; i < n; i++) {
                magnitudes[i] = Math.abs(x[i * stride]);
            }
            java.util.Arrays.sort(magnitudes);
            double expected = n % 2 == 1 ? magnitudes[n / 2] : (magnitudes[n / 2 - 1] + magnitudes[n / 2]) / 2;
            assertEquals(expected, SpikeFidelity.medianMagnitude(x, 0, length, stride),
                    "trial " + trial + ", " + length + " samples, stride " + stride);
        }
    }

    @Test
    void anIdenticalCopyFindsEverySpikeAndMatchesAll() {
        short[] x = noiseWithSpikes(1, 40_000, 5_000, 12_000, 12_400, 30_000);
        SpikeFidelity s = SpikeFidelity.measure(x, x.clone(), FILTERS);
        assertEquals(4, s.originalSpikes());
        assertEquals(4, s.decodedSpikes());
        assertEquals(4, s.matched());
        assertEquals(1.0, s.f1());
        assertNull(s.lfpSnrDb(), "identical: no error");
    }

    @Test
    void missedAndExtraSpikesGiveExactRecallPrecisionAndF1() {
        short[] x = noiseWithSpikes(2, 40_000, 4_000, 9_000, 14_000, 20_000);
        // Decoded: two of the four spikes kept, one spike that the original does not have.
        short[] y = noiseWithSpikes(2, 40_000, 4_000, 14_000, 30_000);
        SpikeFidelity s = SpikeFidelity.measure(x, y, FILTERS);
        assertEquals(4, s.originalSpikes());
        assertEquals(3, s.decodedSpikes());
        assertEquals(2, s.matched());
        assertEquals(0.5, s.recall(), 1e-12);
        assertEquals(2.0 / 3, s.precision(), 1e-12);
        assertEquals(2 * 0.5 * (2.0 / 3) / (0.5 + 2.0 / 3), s.f1(), 1e-12);
    }

    @Test
    void aDecodedSpikeMatchesWithinHalfAMillisecondAndNotBeyond() {
        short[] x = noiseWithSpikes(3, 40_000, 10_000, 25_000);
        // 9 samples is within 0.5 ms at 19531 Hz; 15 is not.
        short[] y = noiseWithSpikes(3, 40_000, 10_009, 25_015);
        SpikeFidelity s = SpikeFidelity.measure(x, y, FILTERS);
        assertEquals(2, s.originalSpikes());
        assertEquals(1, s.matched());
    }

    @Test
    void crossingsHonourTheOneMillisecondRefractoryPeriod() {
        double[] x = new double[200];
        for (int t : new int[] {10, 25, 31, 60}) {
            x[t] = -10;
        }
        // Crossings at 10, 31 (21 after 10: kept), 60; 25 is within 19 samples of 10.
        assertArrayEquals(new int[] {10, 31, 60}, SpikeFidelity.crossings(x, 5, FILTERS.refractory()));
    }

    @Test
    void anOriginalWithoutSpikesHasNoF1() {
        short[] x = noiseWithSpikes(4, 40_000);
        SpikeFidelity s = SpikeFidelity.measure(x, noiseWithSpikes(5, 40_000, 20_000), FILTERS);
        assertEquals(0, s.originalSpikes());
        assertNull(s.f1());
        assertNull(s.recall());
    }

    /**
     * Figures of ../shared/tools/spike_fidelity.py (its load, crossings, spike_scores and band_snr functions) on
     * generated recordings ({@code neurocompress synth --channels 1 --seconds 5 --seed N}) against themselves
     * rounded to multiples of q: file seed, q, spikes original, spikes decoded, F1, LFP SNR, spike-band SNR.
     */
    private static final double[][] REFERENCE = {
        {1, 200, 148, 146, 0.993197, 37.402869, 20.645759},
        {1, 600, 148, 144, 0.972603, 28.206724, 11.158549},
        {2, 200, 114, 117, 0.978355, 40.180471, 17.850999},
        {2, 600, 114, 115, 0.943231, 31.357646, 8.290522},
        {3, 200, 122, 124, 0.951220, 40.765576, 13.793559},
        {3, 600, 122, 130, 0.896825, 33.487797, 4.015731},
        {4, 200, 12, 12, 1.000000, 35.045376, 19.302249},
        {4, 600, 12, 16, 0.642857, 25.556911, 9.740754},
        {5, 200, 295, 296, 0.998308, 26.936891, 17.097700},
        {5, 600, 295, 304, 0.984975, 18.439284, 6.899317},
        {6, 200, 119, 123, 0.983471, 38.221845, 16.808591},
        {6, 600, 119, 129, 0.959677, 29.563235, 7.363781},
    };

    @Test
    void agreesWithTheReferenceScriptOnGeneratedRecordings() throws Exception {
        for (double[] r : REFERENCE) {
            Path wav = dir.resolve("s" + (int) r[0] + ".wav");
            SyntheticRecording.write(wav, 1, 5L * RATE, RATE, (long) r[0]);
            short[] x = WavReader.readAll(wav)[0];
            short[] y = new short[x.length];
            for (int i = 0; i < x.length; i++) {
                // numpy's round: halves to even.
                y[i] = (short) (Math.rint(x[i] / r[1]) * r[1]);
            }
            SpikeFidelity s = SpikeFidelity.measure(x, y, FILTERS);
            String what = "seed " + (int) r[0] + ", q " + (int) r[1];
            assertEquals((int) r[2], s.originalSpikes(), what);
            assertEquals((int) r[3], s.decodedSpikes(), what);
            assertEquals(r[4], s.f1(), 0.02, what);
            assertEquals(r[5], s.lfpSnrDb(), 0.01, what);
            assertEquals(r[6], s.spikeBandSnrDb(), 0.01, what);
        }
    }
}
