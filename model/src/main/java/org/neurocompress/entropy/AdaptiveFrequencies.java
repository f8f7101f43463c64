package org.neurocompress.entropy;

import java.util.Arrays;

/**
 * A set of adaptive distributions over 16 symbols for {@link Rans}, one per context. Each context counts its symbols,
 * and the coder has the tables of the contexts it used rebuilt from their counts after 1, 2, 4, ... and then every
 * {@link #REBUILD_PERIOD} symbols (halving the counts when they pass {@link #COUNT_LIMIT}, so they follow slow
 * changes): the first symbols learn fast, and later a symbol costs one count. Between rebuilds a table is static,
 * which is what makes rANS fast: a symbol's interval is two table reads, and a decoder finds the symbol of a slot in
 * one more (a table of 2^11 slots a context). Integer arithmetic only, so every machine codes the same bits.
 *
 * <p>Frequencies are of 2^11: 2^12 and 2^15 gave the same ratios on N1 recordings, 2^10 0.04% less, and finer ones
 * make a decoder's slot tables outgrow the L1 cache and cost more to rebuild.
 */
public final class AdaptiveFrequencies {
    public static final int SYMBOLS = 16;
    public static final int SCALE_BITS = 11;
    private static final int SCALE = 1 << SCALE_BITS;
    static final int COUNT_LIMIT = 8192;
    public static final int REBUILD_PERIOD = 1024;
    private static final int CUMULATIVE_STRIDE = SYMBOLS + 1;

    private final int contexts;
    private final int[] counts;
    /** Per context: cumulative frequencies 0..16 of the coding table (entry 0 is 0, entry 16 is 2^12). */
    private final int[] cumulative;
    /** A decoder's: per context and slot, the symbol whose interval holds the slot. Empty for an encoder. */
    private final byte[] symbolOfSlot;
    /** The table every context starts a frame with, and its slots (a decoder's). */
    private int[] fresh;
    private byte[] freshSlots;

    /** Tables for an encoder ({@code decoding} false) or a decoder ({@link #symbol} needs {@code decoding}). */
    public AdaptiveFrequencies(int contexts, boolean decoding) {
        if (contexts > Integer.SIZE) {
            throw new IllegalArgumentException(contexts + " contexts (at most 32: rebuild takes them as bits)");
        }
        this.contexts = contexts;
        counts = new int[contexts * SYMBOLS];
        cumulative = new int[contexts * CUMULATIVE_STRIDE];
        symbolOfSlot = new byte[decoding ? contexts * SCALE : 0];
        reset();
    }

    /** Back to the start of a frame: every count 1, every table the one those counts make. */
    public void reset() {
        Arrays.fill(counts, 1);
        if (fresh == null) {
            rebuildContext(0);
            fresh = Arrays.copyOf(cumulative, CUMULATIVE_STRIDE);
            freshSlots = Arrays.copyOf(symbolOfSlot, symbolOfSlot.length > 0 ? SCALE : 0);
        }
        // Copies of context 0's first table: a frame starts 17 contexts, most of which it never uses.
        for (int c = 0; c < contexts; c++) {
            System.arraycopy(fresh, 0, cumulative, c * CUMULATIVE_STRIDE, CUMULATIVE_STRIDE);
            System.arraycopy(freshSlots, 0, symbolOfSlot, c * freshSlots.length, freshSlots.length);
        }
    }

    /** Where symbol {@code s}'s interval starts in context {@code context}, of 2^12. */
    public int start(int context, int s) {
        return cumulative[context * CUMULATIVE_STRIDE + s];
    }

    /** The width of symbol {@code s}'s interval in context {@code context}, of 2^12 (at least 1). */
    public int frequency(int context, int s) {
        int i = context * CUMULATIVE_STRIDE + s;
        return cumulative[i + 1] - cumulative[i];
    }

    /** The symbol whose interval holds {@code slot}, 0 ≤ slot < 2^12 (a decoder's tables only). */
    public int symbol(int context, int slot) {
        return symbolOfSlot[context * SCALE + slot];
    }

    /** Counts that {@code s} came in {@code context}; the tables change only at {@link #rebuild}. */
    public void count(int context, int s) {
        counts[context * SYMBOLS + s]++;
    }

    /**
     * Rebuilds the tables of the contexts in {@code contexts} (bit c for context c) from their counts. Coders call it
     * after 1, 2, 4, ... and then every {@link #REBUILD_PERIOD} symbols ({@link #nextPeriod}), with the contexts
     * counted since the last rebuild: the schedule lives in the coder's loop, in local variables.
     */
    public void rebuild(int contexts) {
        while (contexts != 0) {
            int c = Integer.numberOfTrailingZeros(contexts);
            contexts &= contexts - 1;
            rebuildContext(c);
        }
    }

    /** How many symbols to the rebuild after one made {@code period} symbols after the one before. */
    public static int nextPeriod(int period) {
        return Math.min(REBUILD_PERIOD, 2 * period);
    }

    /**
     * Frequencies proportional to the counts, each at least 1, summing to 2^12 (the rounding's remainder goes to the
     * most frequent symbol); and a decoder's slot table.
     */
    private void rebuildContext(int context) {
        int base = context * SYMBOLS;
        int c = context * CUMULATIVE_STRIDE;
        int total = 0;
        for (int i = 0; i < SYMBOLS; i++) {
            total += counts[base + i];
        }
        if (total > COUNT_LIMIT) {
            total = 0;
            for (int i = 0; i < SYMBOLS; i++) {
                int halved = (counts[base + i] + 1) >>> 1;
                counts[base + i] = halved;
                total += halved;
            }
        }
        // One division a rebuild: each frequency is count × (2^12 − 16) / total, to 32 fractional bits.
        long reciprocal = ((long) (SCALE - SYMBOLS) << 32) / total;
        int sum = 0;
        int largest = 0;
        int largestFrequency = 0;
        for (int i = 0; i < SYMBOLS; i++) {
            int f = Math.max(1, (int) (counts[base + i] * reciprocal >>> 32));
            cumulative[c + i + 1] = f; // the frequency for now; made cumulative below
            sum += f;
            if (f > largestFrequency) {
                largestFrequency = f;
                largest = i;
            }
        }
        cumulative[c + largest + 1] += SCALE - sum;
        cumulative[c] = 0;
        for (int i = 1; i <= SYMBOLS; i++) {
            cumulative[c + i] += cumulative[c + i - 1];
        }
        if (symbolOfSlot.length > 0) {
            int slots = context * SCALE;
            for (int i = 0; i < SYMBOLS; i++) {
                Arrays.fill(symbolOfSlot, slots + cumulative[c + i], slots + cumulative[c + i + 1], (byte) i);
            }
        }
    }
}
