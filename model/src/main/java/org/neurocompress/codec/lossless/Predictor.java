package org.neurocompress.codec.lossless;

import org.neurocompress.codec.CodecException;

/**
 * Fixed polynomial predictors of a code from the two before it, as FLAC's fixed predictors: order 0 predicts the
 * grid's middle, order 1 the previous code, order 2 the line through the last two. One is chosen per frame, the
 * one whose residuals are smallest; N1 recordings almost always take order 1, which the modelled coder refines
 * into the adaptive {@link LmsPredictor} (order 3, which has its own loops).
 */
final class Predictor {
    static final int MAX_ORDER = 2;
    /** Codes are below 2^16, so a second difference is below 2^18 and 4096 of them sum below 2^31. */
    private static final int SUM_BLOCK = 4096;
    static final int SAMPLE_STRIDE = 4;
    /** The adaptive predictor ({@link LmsPredictor}), signalled as order 3. */
    static final int LMS = 3;

    private final int order;
    private final int maxCode;
    private int t;
    private int previous;
    private int beforePrevious;
    private int prediction;

    /** The predictions of one frame, sample after sample, from the codes the decoder has (reconstructed ones). */
    Predictor(int order, int maxCode) {
        if (order > MAX_ORDER) {
            throw new IllegalArgumentException("fixed predictor order " + order + " (LMS runs in LmsPredictor)");
        }
        this.order = order;
        this.maxCode = maxCode;
    }

    /** The prediction of the next code, clamped to the grid. */
    int next() {
        if (t == 0 || order == 0) {
            prediction = maxCode >>> 1;
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
        beforePrevious = previous;
        previous = code;
        t++;
    }

    /**
     * The code a zigzagged residual gives after {@code prediction}, in steps of {@code width}: outside the grid it is
     * a damaged payload when exact (width 1), and clamped to the grid when near-lossless (the encoder clamped too).
     */
    static int code(int prediction, int residual, int width, int maxCode, int t) throws CodecException {
        int code = prediction + (residual >>> 1 ^ -(residual & 1)) * width;
        if (code < 0 || code > maxCode) {
            if (width == 1) {
                throw new CodecException("lossless payload decodes to code " + code + " at sample " + t
                        + ", outside its grid [0, " + maxCode + "]");
            }
            code = Math.max(0, Math.min(maxCode, code));
        }
        return code;
    }

    /**
     * The order with the least sum of absolute residuals over every {@link #SAMPLE_STRIDE}th sample of the frame (the
     * order is a property of the whole frame, and a quarter of the samples costs a quarter of the time).
     */
    static int choose(int[] codes, int count, int maxCode) {
        if (count == 0) {
            return 1;
        }
        long first = Math.abs(codes[0] - (maxCode >>> 1)); // in the sums of orders 1 and 2 as their t = 0
        long[] cost = {absoluteSum(codes, count, 0, maxCode >>> 1), first + absoluteSum(codes, count, 1, 0),
            first + absoluteSum(codes, count, 2, 0)};
        int best = 1;
        for (int order = 0; order <= MAX_ORDER; order++) {
            if (cost[order] < cost[best]) {
                best = order;
            }
        }
        return best;
    }

    /**
     * The sum over t ≥ order, t a multiple of {@link #SAMPLE_STRIDE}, of |the order-th difference of the codes at t|
     * (order 0: |code − mid|); summed in int over blocks short enough not to overflow.
     */
    private static long absoluteSum(int[] codes, int count, int order, int mid) {
        long total = 0;
        for (int from = 0; from < count; from += SUM_BLOCK) {
            int to = Math.min(count, from + SUM_BLOCK);
            int sum = 0;
            if (order == 0) {
                for (int t = from; t < to; t += SAMPLE_STRIDE) {
                    sum += Math.abs(codes[t] - mid);
                }
            } else if (order == 1) {
                for (int t = Math.max(from, SAMPLE_STRIDE); t < to; t += SAMPLE_STRIDE) {
                    sum += Math.abs(codes[t] - codes[t - 1]);
                }
            } else {
                for (int t = Math.max(from, SAMPLE_STRIDE); t < to; t += SAMPLE_STRIDE) {
                    sum += Math.abs(codes[t] - 2 * codes[t - 1] + codes[t - 2]);
                }
            }
            total += sum;
        }
        return total;
    }
}
