package org.neurocompress.codec.hybrid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.neurocompress.metrics.SpikeFidelity;
import org.neurocompress.synth.SyntheticElectrode;

class CoefficientSynthesisTest {
    private static final int SEGMENTS = 6;
    private static final int STEP = 40;
    private static final SpikeFidelity.Filters FILTERS = SpikeFidelity.Filters.of(SyntheticElectrode.N1_SAMPLE_RATE);

    /** Quantised values of a generated electrode, as a coarse and a fine step leave them. */
    private static int[][] quantised(double divisor) {
        short[] samples = new SyntheticElectrode(5, SyntheticElectrode.N1_SAMPLE_RATE).samples(
                SEGMENTS * Background.SEGMENT);
        double[] x = new double[samples.length];
        for (int i = 0; i < x.length; i++) {
            // An offset, as N1 recordings have: the segments' DC steps must cancel in the band-passed sum.
            x[i] = samples[i] + 2000;
        }
        double[][] c = new Background().transform(x);
        int[][] q = new int[SEGMENTS][Background.SEGMENT];
        for (int s = 0; s < SEGMENTS; s++) {
            for (int k = 0; k < Background.SEGMENT; k++) {
                q[s][k] = (int) Math.round(c[s][k] / (Background.step(STEP) * divisor));
            }
        }
        return q;
    }

    @Test
    void samplesAreTheDecodedBackground() {
        for (double divisor : new double[] {1, 16}) {
            int[][] q = quantised(divisor);
            double[] y = new Background().reconstruct(q, STEP);
            CoefficientSynthesis synthesis = new CoefficientSynthesis(FILTERS.spikeBand(), FILTERS.sampleRate(), q,
                    STEP);
            Random random = new Random(3);
            for (int t = 0; t < 200; t++) {
                int i = random.nextInt(y.length);
                assertEquals(y[i], synthesis.sample(i), 1e-9 * (1 + Math.abs(y[i])), "sample " + i);
            }
        }
    }

    /**
     * Away from the frame's ends the band-passed sums are the decoded frame band-passed whole, zero phase, to a
     * millionth of the band's peak, across segment boundaries too.
     */
    @Test
    void bandedSumsAreTheDecodedFrameBandPassedWhole() {
        for (double divisor : new double[] {1, 16}) {
            int[][] q = quantised(divisor);
            double[] y = new Background().reconstruct(q, STEP);
            double[] whole = FILTERS.spikeBand().filtfilt(y);
            double peak = 0;
            for (double v : whole) {
                peak = Math.max(peak, Math.abs(v));
            }
            CoefficientSynthesis synthesis = new CoefficientSynthesis(FILTERS.spikeBand(), FILTERS.sampleRate(), q,
                    STEP);
            // filtfilt's edge handling reaches a few hundred samples into the frame: compare well inside it.
            int margin = 3 * synthesis.tail();
            for (int from = margin; from + 60 < y.length - margin; from += 997) {
                double[] values = new double[60];
                synthesis.addBanded(from, from + 60, values);
                for (int j = 0; j < values.length; j++) {
                    assertEquals(whole[from + j], values[j], 1e-6 * peak, "divisor " + divisor + " sample "
                            + (from + j));
                }
            }
            assertTrue(synthesis.nonZero(margin, margin + 60) > 0);
        }
    }

    @Test
    void addBandedAddsToWhatIsThere() {
        int[][] q = quantised(16);
        CoefficientSynthesis synthesis = new CoefficientSynthesis(FILTERS.spikeBand(), FILTERS.sampleRate(), q, STEP);
        double[] once = new double[40];
        synthesis.addBanded(2000, 2040, once);
        double[] twice = new double[40];
        java.util.Arrays.fill(twice, 1);
        synthesis.addBanded(2000, 2040, twice);
        for (int j = 0; j < once.length; j++) {
            assertEquals(once[j] + 1, twice[j], 1e-12 * (1 + Math.abs(once[j])));
        }
    }
}
