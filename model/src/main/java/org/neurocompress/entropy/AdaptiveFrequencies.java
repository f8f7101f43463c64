package org.neurocompress.entropy;

import java.util.Arrays;

/**
 * A set of adaptive distributions over 16 symbols for {@link Rans}, one per context. Each context counts its symbols,
 * and the coder has the tables of the contexts it used rebuilt from their counts after 1, 2, 4, ... and then every
 * {@link #REBUILD_PERIOD} symbols (halving the counts when they pass {@link #COUNT_LIMIT}, so they follow slow
 * changes): the first symbols learn fast, and later a symbol costs one count. Between rebuilds a table is static,
 * which is what makes rANS fast: a symbol's interval is two table reads, and a decoder finds the symbol of a slot in
 * one more (a table of 2^11 slots a context). Integer arithmetic only, so every machine codes the same bits. A coder
 * may let the gap grow to {@link #LONG_REBUILD_PERIOD} instead: residuals as stationary as an N1 recording's lose
 * 0.01% to it, and a decoder spends a few percent of its time less rebuilding its slot tables.
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
    public static final int LONG_REBUILD_PERIOD = 8192;
    private static final int CUMULATIVE_STRIDE = SYMBOLS + 1;

    private final int contexts;
    private final int[] counts;
    /** Per context: cumulative frequencies 0..16 of the coding table (entry 0 is 0, entry 16 is 2^11). */
    private final int[] cumulative;
    /** Per context and symbol: its interval, packed as an {@link #entry} (what an encoder reads, {@link #interval}). */
    private final int[] intervals;
    /**
     * A decoder's: per context and slot, the symbol whose interval holds the slot and that interval, packed
     * ({@link #entry}), so that decoding a symbol is one table read (a symbol table and then the cumulative frequencies
     * were three: the decoding loop took 5-9% longer on N1 recordings). Empty for an encoder.
     */
    private final int[] entries;
    /** The table every context starts a frame with, and its slots (a decoder's). */
    private final int[] fresh;
    private final int[] freshIntervals;
    private final int[] freshEntries;
    /** The contexts whose tables were rebuilt since the last {@link #reset}, as bits: the others are still fresh. */
    private int rebuilt;
    /** Changes whenever a table may have: at each {@link #reset} and {@link #rebuild}. */
    private int version;

    /** Tables for an encoder ({@code decoding} false) or a decoder ({@link #entry} needs {@code decoding}). */
    public AdaptiveFrequencies(int contexts, boolean decoding) {
        if (contexts > Integer.SIZE) {
            throw new IllegalArgumentException(contexts + " contexts (at most 32: rebuild takes them as bits)");
        }
        this.contexts = contexts;
        counts = new int[contexts * SYMBOLS];
        cumulative = new int[contexts * CUMULATIVE_STRIDE];
        intervals = new int[contexts * SYMBOLS];
        entries = new int[decoding ? contexts * SCALE : 0];
        Arrays.fill(counts, 1);
        rebuildContext(0);
        fresh = Arrays.copyOf(cumulative, CUMULATIVE_STRIDE);
        freshIntervals = Arrays.copyOf(intervals, SYMBOLS);
        freshEntries = Arrays.copyOf(entries, decoding ? SCALE : 0);
        rebuilt = contexts == Integer.SIZE ? -1 : (1 << contexts) - 1;
        reset();
    }

    /** Back to the start of a frame: every count 1, every table the one those counts make. */
    public void reset() {
        version++;
        Arrays.fill(counts, 1);
        // Copies of the first table into the contexts the last frame changed (most of the 17 it never uses).
        while (rebuilt != 0) {
            int c = Integer.numberOfTrailingZeros(rebuilt);
            rebuilt &= rebuilt - 1;
            System.arraycopy(fresh, 0, cumulative, c * CUMULATIVE_STRIDE, CUMULATIVE_STRIDE);
            System.arraycopy(freshIntervals, 0, intervals, c * SYMBOLS, SYMBOLS);
            System.arraycopy(freshEntries, 0, entries, c * freshEntries.length, freshEntries.length);
        }
    }

    /**
     * A number that changes whenever a table may have changed ({@link #reset}, {@link #rebuild}): what is derived
     * from the tables stays valid while it does not.
     */
    public int version() {
        return version;
    }

    /** Where symbol {@code s}'s interval starts in context {@code context}, of 2^11. */
    public int start(int context, int s) {
        return cumulative[context * CUMULATIVE_STRIDE + s];
    }

    /** The width of symbol {@code s}'s interval in context {@code context}, of 2^11 (at least 1). */
    public int frequency(int context, int s) {
        int i = context * CUMULATIVE_STRIDE + s;
        return cumulative[i + 1] - cumulative[i];
    }

    /**
     * Symbol {@code s}'s interval in {@code context}, packed as an {@link #entry}: one read for an encoder, which
     * hands it to {@link Rans#encode} as it is (3% faster to encode than two reads of the cumulative table).
     */
    public int interval(int context, int s) {
        return intervals[context * SYMBOLS + s];
    }

    /**
     * The decoder's entry of {@code slot}, 0 ≤ slot < 2^11, in {@code context}: the symbol whose interval holds the
     * slot ({@link #symbolOf}) with that interval's start and frequency ({@link #startOf}, {@link #frequencyOf}).
     */
    public int entry(int context, int slot) {
        return entries[context * SCALE + slot];
    }

    /** An interval as {@link #interval} and {@link #entry} give it: symbol | start << 4 | frequency << 16. */
    public static int pack(int symbol, int start, int frequency) {
        return symbol | start << 4 | frequency << 16;
    }

    public static int symbolOf(int entry) {
        return entry & (SYMBOLS - 1);
    }

    public static int startOf(int entry) {
        return entry >>> 4 & 0xFFF;
    }

    public static int frequencyOf(int entry) {
        return entry >>> 16;
    }

    /** The symbol whose interval holds {@code slot}, 0 ≤ slot < 2^11 (a decoder's tables only). */
    public int symbol(int context, int slot) {
        return symbolOf(entry(context, slot));
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
        version++;
        rebuilt |= contexts;
        while (contexts != 0) {
            int c = Integer.numberOfTrailingZeros(contexts);
            contexts &= contexts - 1;
            rebuildContext(c);
        }
    }

    /** How many symbols to the rebuild after one made {@code period} symbols after the one before. */
    public static int nextPeriod(int period) {
        return nextPeriod(period, REBUILD_PERIOD);
    }

    /** {@link #nextPeriod(int)} with the gap growing to {@code longest} ({@link #LONG_REBUILD_PERIOD}, say). */
    public static int nextPeriod(int period, int longest) {
        return Math.min(longest, 2 * period);
    }

    /**
     * Frequencies proportional to the counts, each at least 1, summing to 2^11 (the rounding's remainder goes to the
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
        // One division a rebuild: each frequency is count × (2^11 − 16) / total, to 32 fractional bits.
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
        for (int i = 0; i < SYMBOLS; i++) {
            int start = cumulative[c + i];
            intervals[base + i] = pack(i, start, cumulative[c + i + 1] - start);
        }
        if (entries.length > 0) {
            int slots = context * SCALE;
            for (int i = 0; i < SYMBOLS; i++) {
                Arrays.fill(entries, slots + cumulative[c + i], slots + cumulative[c + i + 1], intervals[base + i]);
            }
        }
    }
}
