package org.neurocompress.codec.lossless;

/**
 * Fixed polynomial predictors of a code from the two before it, as FLAC's fixed predictors: order 0 predicts the
 * grid's middle, order 1 the previous code, order 2 the line through the last two. One is chosen per frame, the
 * one whose residuals are smallest; N1 recordings almost always take order 1, which the modelled coder refines
 * into the adaptive {@link LmsPredictor} (order 3).
 */
final class Predictor {
    static final int MAX_ORDER = 2;
    /** The adaptive predictor ({@link LmsPredictor}), signalled as order 3. */
    static final int LMS = 3;

    private final int order;
    private final int maxCode;
    private final LmsPredictor lms;
    private int t;
    private int previous;
    private int beforePrevious;
    private int prediction;

    /** The predictions of one frame, sample after sample, from the codes the decoder has (reconstructed ones). */
    Predictor(int order, int maxCode) {
        this.order = order;
        this.maxCode = maxCode;
        this.lms = order == LMS ? new LmsPredictor() : null;
    }

    /** The prediction of the next code, clamped to the grid (LMS takes over from the second sample). */
    int next() {
        if (t == 0 || order == 0) {
            prediction = maxCode >>> 1;
        } else if (lms != null) {
            prediction = lms.predict(previous, maxCode);
        } else if (order == 1 || t == 1) {
            prediction = previous;
        } else {
            int p = 2 * previous - beforePrevious;
            prediction = p < 0 ? 0 : Math.min(p, maxCode);
        }
        return prediction;
    }

    /** The code the decoder has for the sample {@link #next} predicted. */
    void accept(int code) {
        if (lms != null && t > 0) {
            lms.update(code, previous, prediction);
        }
        beforePrevious = previous;
        previous = code;
        t++;
    }

    /** The order with the least sum of absolute residuals over the frame. */
    static int choose(int[] codes, int count, int maxCode) {
        long[] cost = new long[MAX_ORDER + 1];
        int mid = maxCode >>> 1;
        for (int t = 0; t < count; t++) {
            int c = codes[t];
            cost[0] += Math.abs(c - mid);
            if (t >= 1) {
                int d1 = c - codes[t - 1];
                cost[1] += Math.abs(d1);
                if (t >= 2) {
                    cost[2] += Math.abs(d1 - (codes[t - 1] - codes[t - 2]));
                }
            } else {
                cost[1] += Math.abs(c - mid);
                cost[2] += Math.abs(c - mid);
            }
        }
        int best = 1;
        for (int order = 0; order <= MAX_ORDER; order++) {
            if (cost[order] < cost[best]) {
                best = order;
            }
        }
        return best;
    }
}
