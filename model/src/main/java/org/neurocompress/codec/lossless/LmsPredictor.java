package org.neurocompress.codec.lossless;

/**
 * An adaptive predictor: the next first difference of the codes as a weighted sum of the last {@link #TAPS}, the
 * weights adapted by sign-sign LMS after every sample (integer arithmetic, the same on every machine). It starts
 * each frame from zero weights, so each frame decodes alone.
 */
final class LmsPredictor {
    static final int TAPS = 8;
    private static final int SHIFT = 12;
    private static final int STEP = 4;
    private final int[] weights = new int[TAPS];
    /**
     * The last differences and their signs, newest first from {@code head}: each is stored twice, {@code TAPS}
     * apart, so the window is always one contiguous run (no index wrapping in the hot loops).
     */
    private final int[] history = new int[2 * TAPS];
    private final int[] signs = new int[2 * TAPS];
    private int head = TAPS;

    /** The predicted code after {@code previous}, clamped to [0, maxCode]. */
    int predict(int previous, int maxCode) {
        long sum = 0;
        for (int i = 0; i < TAPS; i++) {
            sum += (long) weights[i] * history[head + i];
        }
        long p = previous + ((sum + (1L << (SHIFT - 1))) >> SHIFT);
        return (int) Math.max(0, Math.min(maxCode, p));
    }

    /** Learns from the code that came ({@code code}, after {@code previous}) and the prediction it was given. */
    void update(int code, int previous, int prediction) {
        int error = Integer.signum(code - prediction) * STEP;
        if (error != 0) {
            for (int i = 0; i < TAPS; i++) {
                weights[i] += error * signs[head + i];
            }
        }
        head = head == 0 ? TAPS - 1 : head - 1;
        int d = code - previous;
        history[head] = d;
        history[head + TAPS] = d;
        signs[head] = Integer.signum(d);
        signs[head + TAPS] = signs[head];
    }
}
