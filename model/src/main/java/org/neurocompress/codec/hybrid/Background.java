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
        return transform(x, new double[x.length / SEGMENT][SEGMENT]);
    }

    /** The same into {@code c}, one row per segment. */
    double[][] transform(double[] x, double[][] c) {
        for (int s = 0; s < c.length; s++) {
            System.arraycopy(x, s * SEGMENT, block, 0, SEGMENT);
            dct.forward(block, c[s]);
        }
        return c;
    }

    /**
     * Quantises and codes every segment at step index {@code stepIndex} into {@code rc}; {@code q} receives the
     * values. Returns the coder, whose context states training reads.
     */
    CoefficientCoder write(RangeEncoder rc, Spectrum spectrum, int stepIndex, int[] priors, double lambdaScale,
            int[][] q) {
        CoefficientCoder coder = new CoefficientCoder(SEGMENT, priors, lambdaScale);
        coder.output(rc);
        double inverse = 1 / step(stepIndex);
        for (int s = 0; s < spectrum.segments(); s++) {
            code(coder, spectrum, s, inverse, q[s]);
        }
        return coder;
    }

    /**
     * The bits coding at {@code stepIndex} would take, estimated from the contexts' probabilities as the coder would
     * adapt them (within a few bytes of the coded size); stops early, returning more than {@code limitBits}, as soon
     * as that many are spent, or as soon as the bits spent and {@code rest[s]} (what the segments after segment s are
     * expected to take at least; null: nothing known) pass it.
     *
     * @param cumulative receives the bits spent after each segment
     * @param ends receives one past each segment's last index: its values beyond are zero (null: not wanted)
     */
    double estimate(Spectrum spectrum, int stepIndex, int[] priors, double lambdaScale, int[][] q,
            double limitBits, double[] rest, double[] cumulative, int[] ends) {
        CoefficientCoder coder = new CoefficientCoder(SEGMENT, priors, lambdaScale);
        double inverse = 1 / step(stepIndex);
        for (int s = 0; s < spectrum.segments(); s++) {
            int last = code(coder, spectrum, s, inverse, q[s]);
            if (ends != null) {
                ends[s] = last + 1;
            }
            double spent = coder.spentBits();
            cumulative[s] = spent;
            double atLeast = rest == null ? spent : spent + rest[s];
            if (atLeast > limitBits) {
                return atLeast;
            }
        }
        return coder.spentBits();
    }

    /** Codes segment s; returns its last index. */
    private int code(CoefficientCoder coder, Spectrum spectrum, int s, double inverse, int[] q) {
        int last = spectrum.lastIndex(s, inverse, coder.lastThreshold());
        double[] c = spectrum.coefficients()[s];
        for (int i = 0; i <= last; i++) {
            scaled[i] = c[i] * inverse;
        }
        coder.encode(scaled, q, last);
        return last;
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
        boolean[] all = new boolean[q.length];
        java.util.Arrays.fill(all, true);
        return reconstruct(q, stepIndex, all);
    }

    /** The same for the segments {@code needed} says; zeros elsewhere. */
    double[] reconstruct(int[][] q, int stepIndex, boolean[] needed) {
        double[] y = new double[q.length * SEGMENT];
        for (int s = 0; s < q.length; s++) {
            if (needed[s]) {
                reconstruct(q, stepIndex, s, y);
            }
        }
        return y;
    }

    /** Decodes segment s into {@code y[s x SEGMENT ..)}. */
    void reconstruct(int[][] q, int stepIndex, int s, double[] y) {
        double step = step(stepIndex);
        for (int i = 0; i < SEGMENT; i++) {
            scaled[i] = q[s][i] * step;
        }
        dct.inverse(scaled, block);
        System.arraycopy(block, 0, y, s * SEGMENT, SEGMENT);
    }
}
