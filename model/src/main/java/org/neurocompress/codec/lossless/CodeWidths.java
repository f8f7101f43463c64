package org.neurocompress.codec.lossless;

import java.util.Arrays;
import org.neurocompress.entropy.AdaptiveFrequencies;

/**
 * What a frame has shown of its ADC's code widths, and the sign bits it models with them. An N1 ADC's codes are
 * not equally wide (differential non-linearity): some come up half again as often as their neighbours, others a
 * third less, the same ones all through a recording. A residual's magnitude m leaves two candidate codes, the
 * prediction + m and the prediction − m − 1; the lowest bit of the zigzagged residual says which, and its
 * probability follows how much more often the one code has come than the other. Each code's count is kept as the
 * frame is coded; every {@link #REFRESH} samples each code's level is set to log2 of its count over its four
 * neighbours' mean in quarter steps (integer arithmetic, the same on every machine), and the sign bit is coded under
 * an adaptive probability in the context of the two candidates' level difference (−8..8) and whether m is 0.
 */
final class CodeWidths {
    /** Samples between recomputations of the codes' levels. */
    static final int REFRESH = 1024;
    private static final int LEVELS = 8;
    static final int CONTEXTS = 2 * (2 * LEVELS + 1);
    private static final int SCALE = 1 << AdaptiveFrequencies.SCALE_BITS;
    private static final int ADAPTATION = 5;
    /** 2^((j + 0.5) / 4) for j = −8..7, in 16.16 fixed point: a level is how many of them a ratio reaches, − 8. */
    private static final long[] THRESHOLDS = new long[2 * LEVELS];

    static {
        for (int j = -LEVELS; j < LEVELS; j++) {
            THRESHOLDS[j + LEVELS] = Math.round(65536 * StrictMath.pow(2, (j + 0.5) / 4));
        }
    }

    /** Per code + 2 (two codes of zeros each side), its count in the frame so far. */
    private final int[] counts = new int[Grid.MAX_CODE + 5];
    /** Per code + 1 (a zero each side, for candidates past the grid's ends), its level. */
    private final int[] levels = new int[Grid.MAX_CODE + 3];
    /** Per context, the probability of a 1 bit, of 2^11. */
    private final int[] ones = new int[CONTEXTS];
    private int maxCode;
    /** The lowest and highest code counted since the last refresh: only the levels around them can have changed. */
    private int lowest;
    private int highest;

    /** Back to the start of a frame on codes [0, maxCode]: nothing counted, every level 0, every probability 1/2. */
    void reset(int maxCode) {
        this.maxCode = maxCode;
        Arrays.fill(counts, 0, maxCode + 5, 0);
        Arrays.fill(levels, 0, maxCode + 3, 0);
        Arrays.fill(ones, SCALE / 2);
        lowest = Integer.MAX_VALUE;
        highest = -1;
    }

    /** The sign bit's context for a residual of magnitude m from {@code prediction}. */
    int context(int prediction, int m) {
        int above = Math.min(prediction + m, maxCode + 1) + 1;
        int below = Math.max(prediction - m - 1, -1) + 1;
        int difference = Math.max(-LEVELS, Math.min(LEVELS, levels[above] - levels[below]));
        return difference + LEVELS + (m > 0 ? 2 * LEVELS + 1 : 0);
    }

    /** The sign bit's rANS interval in {@code context}, packed as {@link AdaptiveFrequencies#pack} packs them. */
    int interval(int context, int bit) {
        int one = ones[context];
        return bit == 0 ? AdaptiveFrequencies.pack(0, 0, SCALE - one) : AdaptiveFrequencies.pack(1, SCALE - one, one);
    }

    /** The probability of a 1 bit in {@code context}, of 2^11 (in [32, 2016]). */
    int one(int context) {
        return ones[context];
    }

    void learn(int context, int bit) {
        int one = ones[context];
        one += ((bit << AdaptiveFrequencies.SCALE_BITS) - one) >> ADAPTATION;
        ones[context] = Math.max(32, Math.min(SCALE - 32, one));
    }

    /** Counts a decoded (or coded) code; after every {@link #REFRESH}th, the levels follow the counts. */
    void count(int code, int t) {
        counts[code + 2]++;
        lowest = Math.min(lowest, code);
        highest = Math.max(highest, code);
        if ((t & (REFRESH - 1)) == REFRESH - 1) {
            refresh();
        }
    }

    /**
     * The level of each code within two of one counted since the last refresh (the others' counts and neighbours
     * are as they were): how many thresholds (count + 1) / (neighbours' mean + 1) reaches, − 8, found by halving.
     */
    private void refresh() {
        int to = Math.min(maxCode, highest + 2);
        for (int c = Math.max(0, lowest - 2); c <= to; c++) {
            int i = c + 2;
            long numerator = (4L * (counts[i] + 1)) << 16;
            long denominator = (long) counts[i - 2] + counts[i - 1] + counts[i + 1] + counts[i + 2] + 4;
            int reached = 0;
            for (int step = 2 * LEVELS; step > 0; step >>= 1) {
                if (reached + step <= 2 * LEVELS && numerator >= THRESHOLDS[reached + step - 1] * denominator) {
                    reached += step;
                }
            }
            levels[c + 1] = reached - LEVELS;
        }
        lowest = Integer.MAX_VALUE;
        highest = -1;
    }
}
