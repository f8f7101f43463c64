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

    private Predictor() {
    }

    /** The prediction of code {@code t}, clamped to the grid, from the two codes before it. */
    static int predict(int order, int t, int previous, int beforePrevious, int maxCode) {
        if (order == 0 || t == 0) { // (LMS takes over from t = 1)
            return maxCode >>> 1;
        }
        if (order == 1 || t == 1) {
            return previous;
        }
        int p = 2 * previous - beforePrevious;
        return p < 0 ? 0 : Math.min(p, maxCode);
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
