package org.neurocompress.codec.hybrid;

import org.neurocompress.entropy.RangeDecoder;
import org.neurocompress.entropy.RangeEncoder;
import org.neurocompress.transform.Dct;

/**
 * The transform-coded part of a frame: an orthonormal DCT-II of each 1024-sample segment, one quantiser step for the
 * whole frame (2^(s/16), s in 0..255), coefficients coded by {@link CoefficientCoder}. Not thread-safe: it owns the
 * transform's scratch arrays.
 */
final class Background {
    static final int SEGMENT = 1024;
    static final int MAX_STEP_INDEX = 255;
    private static final double[] STEPS = new double[MAX_STEP_INDEX + 1];

    static {
        for (int s = 0; s <= MAX_STEP_INDEX; s++) {
            STEPS[s] = StrictMath.pow(2, s / 16.0);
        }
    }

    private final Dct dct = new Dct(SEGMENT);
    private final double[] block = new double[SEGMENT];
    private final double[] scaled = new double[SEGMENT];

    static double step(int index) {
        return STEPS[index];
    }

    /** The coefficients of each segment of {@code x}, whose length is a whole number of segments. */
    double[][] transform(double[] x) {
        double[][] c = new double[x.length / SEGMENT][SEGMENT];
        for (int s = 0; s < c.length; s++) {
            System.arraycopy(x, s * SEGMENT, block, 0, SEGMENT);
            dct.forward(block, c[s]);
        }
        return c;
    }

    /** Quantises and codes every segment at step index {@code stepIndex}; {@code q} receives the values. */
    void write(RangeEncoder rc, double[][] coefficients, int stepIndex, int[] priors, double lambdaScale, int[][] q) {
        double inverse = 1 / step(stepIndex);
        CoefficientCoder coder = new CoefficientCoder(SEGMENT, priors, lambdaScale);
        for (int s = 0; s < coefficients.length; s++) {
            double[] c = coefficients[s];
            for (int i = 0; i < SEGMENT; i++) {
                scaled[i] = c[i] * inverse;
            }
            coder.encode(rc, scaled, q[s]);
        }
    }

    /** The same, returning the coder's context states afterwards (training learns priors from them). */
    int[] writeAndReport(RangeEncoder rc, double[][] coefficients, int stepIndex, int[] priors, int[][] q) {
        double inverse = 1 / step(stepIndex);
        CoefficientCoder coder = new CoefficientCoder(SEGMENT, priors, 1);
        for (int s = 0; s < coefficients.length; s++) {
            for (int i = 0; i < SEGMENT; i++) {
                scaled[i] = coefficients[s][i] * inverse;
            }
            coder.encode(rc, scaled, q[s]);
        }
        return coder.states();
    }

    /** Decodes {@code segments} segments' values into {@code q}; false if the stream is corrupt. */
    static boolean read(RangeDecoder rc, int segments, int[] priors, int[][] q) {
        CoefficientCoder coder = new CoefficientCoder(SEGMENT, priors, 1);
        for (int s = 0; s < segments; s++) {
            if (!coder.decode(rc, q[s])) {
                return false;
            }
        }
        return true;
    }

    /** The samples the quantised values stand for. */
    double[] reconstruct(int[][] q, int stepIndex) {
        double step = step(stepIndex);
        double[] y = new double[q.length * SEGMENT];
        double[] c = new double[SEGMENT];
        for (int s = 0; s < q.length; s++) {
            for (int i = 0; i < SEGMENT; i++) {
                c[i] = q[s][i] * step;
            }
            dct.inverse(c, block);
            System.arraycopy(block, 0, y, s * SEGMENT, SEGMENT);
        }
        return y;
    }
}
