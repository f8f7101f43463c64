package org.neurocompress.codec.hybrid;

import java.util.Arrays;

/**
 * A frame's DCT coefficients, segment by segment, with what lets the coder find each segment's last index at any
 * step without a scan: per segment, the indices from 1 up whose magnitude is above every one after them, highest
 * first. The last index at a step (the highest whose scaled magnitude reaches the coder's threshold) is the first of
 * these that reaches it, since scaling keeps the order; at high ratios a scan down through the zeros above it was
 * most of an estimate's time, once per segment and candidate step.
 */
record Spectrum(double[][] coefficients, int[][] peaks) {
    static Spectrum of(double[][] coefficients) {
        int[][] peaks = new int[coefficients.length][];
        int[] scratch = new int[Background.SEGMENT];
        for (int s = 0; s < coefficients.length; s++) {
            double[] c = coefficients[s];
            int count = 0;
            double above = -1;
            for (int i = c.length - 1; i >= 1; i--) {
                double a = Math.abs(c[i]);
                if (a > above) {
                    scratch[count++] = i;
                    above = a;
                }
            }
            peaks[s] = Arrays.copyOf(scratch, count);
        }
        return new Spectrum(coefficients, peaks);
    }

    int segments() {
        return coefficients.length;
    }

    /**
     * The highest index from 1 whose coefficient times {@code inverse} reaches {@code threshold} in magnitude, as a scan
     * of the scaled values from the top would find it (rounding keeps the order of magnitudes); 0 if none does.
     */
    int lastIndex(int segment, double inverse, double threshold) {
        double[] c = coefficients[segment];
        for (int i : peaks[segment]) {
            if (Math.abs(c[i] * inverse) >= threshold) {
                return i;
            }
        }
        return 0;
    }
}
