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
 *
 * <p>The symbol before it can follow the widths too ({@link #weigh}): where a symbol stands for one or two codes, its
 * frequency is scaled by their weights, 2^(0.7 · level / 4) (each code's level is an estimate from counts, so a
 * weight of the full 2^(level / 4) trusts it too much: 0.7 gave the most in a scratch estimate on `dev/`, 1.0 and
 * 0.4 a fifth less), and the 15 symbols below the escape are renormalised to the share they had.
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
    /** Per level + 8, a code's weight when symbols follow the widths: round(256 · 2^(0.7 · level / 4)), 97..676. */
    static final int[] WEIGHTS = new int[2 * LEVELS + 1];
    /** Codes of weight 256 each side of the grid in {@link #weights}: a symbol's candidates reach 15 codes away. */
    private static final int PAD = 16;
    private static final int ESCAPE = AdaptiveFrequencies.SYMBOLS - 1;
    /** The rANS contexts whose symbols stand for one or two codes (Rice parameter 0, 1, 2: a shift of 0 or 1). */
    static final int WEIGHED_CONTEXTS = 3;

    static {
        for (int j = -LEVELS; j < LEVELS; j++) {
            THRESHOLDS[j + LEVELS] = Math.round(65536 * StrictMath.pow(2, (j + 0.5) / 4));
        }
        for (int j = -LEVELS; j <= LEVELS; j++) {
            WEIGHTS[j + LEVELS] = (int) Math.round(256 * StrictMath.pow(2, 0.7 * j / 4));
        }
    }

    /** Per code + 2 (two codes of zeros each side), its count in the frame so far. */
    private final int[] counts = new int[Grid.MAX_CODE + 5];
    /** Per code + 1 (a zero each side, for candidates past the grid's ends), its level. */
    private final int[] levels = new int[Grid.MAX_CODE + 3];
    /** Per code + {@link #PAD}, its weight ({@link #WEIGHTS} of its level). */
    private final int[] weights = new int[PredictiveCoder.WIDTHS_MAX_CODE + 1 + 2 * PAD];
    /** Per context, the probability of a 1 bit, of 2^11. */
    private final int[] ones = new int[CONTEXTS];
    /** The weighed symbols' products of frequency and weight, then their intervals ({@link #weigh}). */
    private final int[] products = new int[ESCAPE];
    /**
     * Weighed tables already made, per context (0..2: the contexts of one or two codes a symbol) and prediction, 16
     * packed intervals each: a table holds until its context's frequencies or the weights change, 1024 samples, in
     * which a frame predicts far fewer distinct codes.
     */
    private final int[] tables = new int[WEIGHED_CONTEXTS * (PredictiveCoder.WIDTHS_MAX_CODE + 1) * 16];
    /** Per table, the {@link #epoch} it was made in. */
    private final int[] stamps = new int[WEIGHED_CONTEXTS * (PredictiveCoder.WIDTHS_MAX_CODE + 1)];
    /** Changes with the weights, the frame and the frequencies' tables ({@link AdaptiveFrequencies#version}). */
    private int epoch = 1;
    /** Whether the levels have been computed yet this frame: until then every weight is the same. */
    private boolean weighing;
    private int tablesVersion;
    private int maxCode;
    /** The lowest and highest code counted since the last refresh: only the levels around them can have changed. */
    private int lowest;
    private int highest;

    /** Back to the start of a frame on codes [0, maxCode]: nothing counted, every level 0, every probability 1/2. */
    void reset(int maxCode) {
        this.maxCode = maxCode;
        Arrays.fill(counts, 0, maxCode + 5, 0);
        Arrays.fill(levels, 0, maxCode + 3, 0);
        Arrays.fill(weights, 0, maxCode + 1 + 2 * PAD, WEIGHTS[LEVELS]);
        weighing = false;
        if (++epoch > Integer.MAX_VALUE / 2) { // after some ten million frames: the stamps start again
            Arrays.fill(stamps, 0);
            epoch = 1;
        }
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
            weights[c + PAD] = WEIGHTS[reached];
        }
        lowest = Integer.MAX_VALUE;
        highest = -1;
        epoch++;
        weighing = true;
    }

    /**
     * Whether symbols are weighed yet: from the frame's first recomputation of the levels on (before it every weight
     * is the same, and weighing would only round the table's frequencies again).
     */
    boolean weighing() {
        return weighing;
    }

    /**
     * The interval of {@code symbol} < 15 in {@code model}'s {@code context} weighed by its codes' widths
     * ({@link #weigh}), packed as {@link AdaptiveFrequencies#pack} packs them.
     */
    int weighedInterval(AdaptiveFrequencies model, int context, int prediction, int shift, int symbol) {
        return tables[table(model, context, prediction, shift) + symbol];
    }

    /** The weighed interval ({@link #weighedInterval}) that holds {@code slot}, packed with its symbol. */
    int weighedEntry(AdaptiveFrequencies model, int context, int prediction, int shift, int slot) {
        if (slot >= AdaptiveFrequencies.startOf(model.interval(context, ESCAPE))) {
            return model.entry(context, slot); // the table's interval: nothing to weigh
        }
        int table = table(model, context, prediction, shift);
        int symbol = 0;
        for (int s = 1; s < ESCAPE; s++) {
            symbol += (slot - AdaptiveFrequencies.startOf(tables[table + s])) >>> 31 ^ 1; // 1 where it starts ≤ slot
        }
        return tables[table + symbol];
    }

    /** Where in {@link #tables} the weighed table of {@code context} and {@code prediction} is, made if need be. */
    private int table(AdaptiveFrequencies model, int context, int prediction, int shift) {
        int version = model.version();
        if (version != tablesVersion) {
            tablesVersion = version;
            epoch++;
        }
        int key = context * (PredictiveCoder.WIDTHS_MAX_CODE + 1) + prediction;
        int table = key << 4;
        if (stamps[key] != epoch) {
            weigh(model, context, prediction, shift, table);
            stamps[key] = epoch;
        }
        return table;
    }

    /**
     * Fills {@link #tables} from {@code table} on with the intervals of the 15 symbols below the escape in
     * {@code model}'s {@code context}, each frequency times the weights of the codes the symbol stands for from
     * {@code prediction}: with {@code shift} 0 symbol u is the one code p + u / 2 (u even) or p − (u + 1) / 2 (odd),
     * with {@code shift} 1 symbol m the two codes p + m and p − m − 1. They share what the escape leaves (its start):
     * each max(1, round(product × ⌊(share − 15)·2^32 / Σ products⌋ / 2^32)), which sums to at most the share, the
     * remainder to the first largest.
     */
    private void weigh(AdaptiveFrequencies model, int context, int prediction, int shift, int table) {
        int p = prediction + PAD;
        long total = 0;
        if (shift == 0) {
            for (int s = 0; s < ESCAPE; s++) {
                int code = p + ((s & 1) == 0 ? s >>> 1 : -((s + 1) >>> 1));
                int product = AdaptiveFrequencies.frequencyOf(model.interval(context, s)) * weights[code];
                products[s] = product;
                total += product;
            }
        } else {
            for (int s = 0; s < ESCAPE; s++) {
                int product = AdaptiveFrequencies.frequencyOf(model.interval(context, s))
                        * (weights[p + s] + weights[p - s - 1]);
                products[s] = product;
                total += product;
            }
        }
        int share = AdaptiveFrequencies.startOf(model.interval(context, ESCAPE));
        long reciprocal = ((long) (share - ESCAPE) << 32) / total;
        int sum = 0;
        int largest = 0;
        int largestFrequency = 0;
        for (int s = 0; s < ESCAPE; s++) {
            int f = Math.max(1, (int) (products[s] * reciprocal + (1L << 31) >>> 32));
            products[s] = f;
            sum += f;
            if (f > largestFrequency) {
                largestFrequency = f;
                largest = s;
            }
        }
        products[largest] += share - sum;
        int start = 0;
        for (int s = 0; s < ESCAPE; s++) {
            tables[table + s] = AdaptiveFrequencies.pack(s, start, products[s]);
            start += products[s];
        }
    }
}
