package org.neurocompress.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FftTest {
    /**
     * Decoders must decode the same samples in every version: the per-stage twiddle tables and the twiddle-by-twiddle
     * order of the short stages may not change a bit against the textbook loop (one table read with a stride).
     */
    @Test
    void matchesTheTextbookLoopBitForBit() {
        SplittableRandom random = new SplittableRandom(3);
        for (int n : new int[] {2, 4, 8, 16, 64, 512, 1024}) {
            Fft fft = new Fft(n);
            for (int trial = 0; trial < 20; trial++) {
                double[] re = new double[n];
                double[] im = new double[n];
                for (int i = 0; i < n; i++) {
                    // Whole numbers, signed zeros and fractions: where a reordering would show first.
                    re[i] = trial % 3 == 0 ? random.nextInt(-32768, 32768) : random.nextDouble(-1e4, 1e4);
                    im[i] = trial % 4 == 0 ? -0.0 : random.nextDouble(-1e4, 1e4);
                }
                for (boolean inverse : new boolean[] {false, true}) {
                    double[] re1 = re.clone();
                    double[] im1 = im.clone();
                    double[] re2 = re.clone();
                    double[] im2 = im.clone();
                    fft.transform(re1, im1, inverse);
                    textbook(re2, im2, inverse);
                    for (int i = 0; i < n; i++) {
                        assertEquals(Double.doubleToRawLongBits(re2[i]), Double.doubleToRawLongBits(re1[i]),
                                "n " + n + " re[" + i + "]");
                        assertEquals(Double.doubleToRawLongBits(im2[i]), Double.doubleToRawLongBits(im1[i]),
                                "n " + n + " im[" + i + "]");
                    }
                }
            }
        }
    }

    private static void textbook(double[] re, double[] im, boolean inverse) {
        int n = re.length;
        int bits = Integer.numberOfTrailingZeros(n);
        for (int i = 0; i < n; i++) {
            int j = Integer.reverse(i) >>> (32 - bits);
            if (j > i) {
                double t = re[i];
                re[i] = re[j];
                re[j] = t;
                t = im[i];
                im[i] = im[j];
                im[j] = t;
            }
        }
        double sign = inverse ? 1 : -1;
        for (int size = 2; size <= n; size <<= 1) {
            int half = size >>> 1;
            int step = n / size;
            for (int start = 0; start < n; start += size) {
                for (int k = 0; k < half; k++) {
                    double wr = StrictMath.cos(2 * Math.PI * (k * step) / n);
                    double wi = sign * StrictMath.sin(2 * Math.PI * (k * step) / n);
                    int a = start + k;
                    int b = a + half;
                    double xr = re[b] * wr - im[b] * wi;
                    double xi = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - xr;
                    im[b] = im[a] - xi;
                    re[a] += xr;
                    im[a] += xi;
                }
            }
        }
    }
}
