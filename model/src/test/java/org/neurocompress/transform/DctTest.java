package org.neurocompress.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DctTest {
    @Test
    void fastTransformMatchesTheDefinition() {
        int n = 64;
        double[] x = randomSignal(n, 1);
        double[] fast = new double[n];
        new Dct(n).forward(x, fast);
        for (int k = 0; k < n; k++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += x[i] * Math.cos(Math.PI * (2 * i + 1) * k / (2.0 * n));
            }
            double expected = sum * (k == 0 ? Math.sqrt(1.0 / n) : Math.sqrt(2.0 / n));
            assertEquals(expected, fast[k], 1e-9, "coefficient " + k);
        }
    }

    @Test
    void inverseUndoesForwardAndPreservesEnergy() {
        int n = 1024;
        double[] x = randomSignal(n, 2);
        double[] c = new double[n];
        double[] back = new double[n];
        Dct dct = new Dct(n);
        dct.forward(x, c);
        dct.inverse(c, back);
        double ex = 0;
        double ec = 0;
        for (int i = 0; i < n; i++) {
            assertEquals(x[i], back[i], 1e-7);
            ex += x[i] * x[i];
            ec += c[i] * c[i];
        }
        assertEquals(ex, ec, ex * 1e-12);
    }

    private static double[] randomSignal(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = random.nextDouble(-30000, 30000);
        }
        return x;
    }
}
