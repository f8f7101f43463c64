package org.neurocompress.codec.hybrid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.neurocompress.entropy.AdaptiveBits;
import org.neurocompress.entropy.RangeEncoder;
import org.neurocompress.synth.SyntheticElectrode;

class BackgroundTest {
    private static final int SEGMENTS = 8;
    private static final int[] PRIORS = AdaptiveBits.uniform(CoefficientCoder.CONTEXTS);

    private static Spectrum coefficients(Background background) {
        short[] samples = new SyntheticElectrode(11, SyntheticElectrode.N1_SAMPLE_RATE).samples(
                SEGMENTS * Background.SEGMENT);
        double[] x = new double[samples.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = samples[i];
        }
        return Spectrum.of(background.transform(x));
    }

    private static double estimate(Background background, Spectrum c, int step, double limit, double[] rest,
            double[] cumulative) {
        return background.estimate(c, step, PRIORS, 1, new int[SEGMENTS][Background.SEGMENT], limit, rest,
                cumulative, null);
    }

    /**
     * The estimate (its own branch-free loop) and the coding choose the same values and end in the same context
     * states at every step and multiplier, and the estimate is within a few bytes of the coded size.
     */
    @Test
    void anEstimateChoosesTheValuesTheCodingWritesAndNearlyItsSize() {
        Background background = new Background();
        Spectrum c = coefficients(background);
        for (int step = 20; step <= 90; step += 7) {
            for (double scale : new double[] {1, 0.5, 0.25}) {
                int[][] estimated = new int[SEGMENTS][Background.SEGMENT];
                int[] ends = new int[SEGMENTS];
                double bits = background.estimate(c, step, PRIORS, scale, estimated, Double.MAX_VALUE, null,
                        new double[SEGMENTS], ends);
                for (int s = 0; s < SEGMENTS; s++) {
                    // What the encoder keeps of a candidate: the values up to each segment's end, zeros after it.
                    assertTrue(ends[s] >= 1, "segment " + s);
                    for (int k = ends[s]; k < Background.SEGMENT; k++) {
                        assertEquals(0, estimated[s][k], "step " + step + " segment " + s + " value " + k);
                    }
                }
                int[][] written = new int[SEGMENTS][Background.SEGMENT];
                RangeEncoder rc = new RangeEncoder();
                background.write(rc, c, step, PRIORS, scale, written);
                int bytes = rc.finish().length;
                for (int s = 0; s < SEGMENTS; s++) {
                    assertArrayEquals(written[s], estimated[s],
                            "step " + step + " scale " + scale + " segment " + s);
                }
                assertTrue(Math.abs(bits / 8 - bytes) < 8 + 0.01 * bytes,
                        "step " + step + " scale " + scale + ": estimated " + bits / 8 + " bytes, coded " + bytes);
            }
        }
    }

    @Test
    void aFullEstimateReportsItsBitsAfterEverySegment() {
        Background background = new Background();
        Spectrum c = coefficients(background);
        double[] cumulative = new double[SEGMENTS];
        double bits = estimate(background, c, 60, Double.MAX_VALUE, null, cumulative);
        assertEquals(bits, cumulative[SEGMENTS - 1]);
        for (int s = 1; s < SEGMENTS; s++) {
            assertTrue(cumulative[s] > cumulative[s - 1], "segment " + s);
        }
    }

    /**
     * The rest of a coarser estimate stops a finer candidate that cannot fit before its last segment, and leaves
     * the answer of every candidate that fits exactly as without it.
     */
    @Test
    void theRestOfACoarserEstimateStopsOnlyCandidatesThatDoNotFit() {
        Background background = new Background();
        Spectrum c = coefficients(background);
        double[] coarse = new double[SEGMENTS];
        estimate(background, c, 61, Double.MAX_VALUE, null, coarse);
        double[] rest = new double[SEGMENTS];
        for (int s = 0; s < SEGMENTS; s++) {
            rest[s] = coarse[SEGMENTS - 1] - coarse[s];
        }
        double[] fine = new double[SEGMENTS];
        double bits = estimate(background, c, 60, Double.MAX_VALUE, null, fine);
        assertTrue(bits > coarse[SEGMENTS - 1]);

        // A quarter of the way from the coarser to the finer candidate's bits: without the rest the finer one runs to
        // its last segment before it passes the limit; with it, it stops once its excess over the coarser passes it.
        double limit = coarse[SEGMENTS - 1] + (bits - coarse[SEGMENTS - 1]) / 4;
        double[] withoutRest = new double[SEGMENTS];
        assertTrue(estimate(background, c, 60, limit, null, withoutRest) > limit);
        assertTrue(withoutRest[SEGMENTS - 1] > 0, "ran to the last segment");
        double[] withRest = new double[SEGMENTS];
        assertTrue(estimate(background, c, 60, limit, rest, withRest) > limit);
        assertEquals(0, withRest[SEGMENTS - 1], "stopped before the last segment");

        // At or above its bits the candidate fits, with or without the rest, and its estimate is the same.
        assertEquals(bits, estimate(background, c, 60, bits, rest, new double[SEGMENTS]));
        assertEquals(bits, estimate(background, c, 60, bits + 100, rest, new double[SEGMENTS]));
    }
}
