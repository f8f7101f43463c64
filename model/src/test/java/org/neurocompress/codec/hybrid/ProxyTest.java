package org.neurocompress.codec.hybrid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ProxyTest {
    /** Coefficients of a decaying spectrum, as a frame's DCT has: magnitudes over several octaves. */
    private static double[][] coefficients() {
        Random random = new Random(3);
        double[][] c = new double[4][Background.SEGMENT];
        for (double[] segment : c) {
            for (int k = 0; k < segment.length; k++) {
                segment[k] = random.nextGaussian() * 4000 / (1 + k / 16.0);
            }
        }
        return c;
    }

    @Test
    void predictedBitsFallAtEveryStepIndex() {
        Proxy proxy = Proxy.of(coefficients());
        for (int s = 40; s < 120; s++) {
            // One bin per step index: the search's first guess can land on any step, not only on every fourth.
            assertTrue(proxy.bits(s + 1) < proxy.bits(s), "step " + s + ": " + proxy.bits(s) + " then "
                    + proxy.bits(s + 1));
        }
    }

    @Test
    void stepIsTheFinestWhosePredictionFits() {
        Proxy proxy = Proxy.of(coefficients());
        for (double budget : new double[] {500, 2000, 8000, 20000}) {
            int s = proxy.step(budget);
            assertTrue(proxy.bits(s) <= budget);
            assertTrue(s == 0 || proxy.bits(s - 1) > budget);
        }
        assertEquals(0, proxy.step(Double.MAX_VALUE));
    }

    @Test
    void magnitudesBelowOneCostNothing() {
        double[][] small = new double[1][Background.SEGMENT];
        java.util.Arrays.fill(small[0], 0.9);
        assertEquals(0, Proxy.of(small).bits(0));
    }
}
