package org.neurocompress.metrics;

/**
 * A thread's scratch arrays for the metrics' working copies (a filter's padded signal, a median's magnitudes, the
 * sidecar's filtered blocks), which the encoder and the stream job's sidecar make for every frame: fresh ones were
 * megabytes a frame to allocate, zero and collect. Each use has its own slot, so arrays in use together never share
 * one. Longer requests (whole recordings in {@code eval}) get a fresh array, so no thread keeps one.
 */
final class Scratch {
    /** 2 MB: a frame of the hybrid codec's default level with a filter's padding, with room. */
    private static final int MAX_KEPT = 1 << 18;
    /** filtfilt's padded signal and the median's magnitudes: never in use at once. */
    static final int WORK = 0;
    /** The sidecar's four filtered signals of a block, in use around a median. */
    static final int BLOCK = 1;
    private static final int SLOTS = BLOCK + 4;
    private static final ThreadLocal<double[][]> DOUBLES = ThreadLocal.withInitial(() -> new double[SLOTS][0]);

    private Scratch() {
    }

    /**
     * An array of at least {@code length} values, of any content: valid until the thread's next call for the same
     * slot, so a caller must not call again (or call a method that does) for that slot while it uses it.
     */
    static double[] doubles(int slot, int length) {
        if (length > MAX_KEPT) {
            return new double[length];
        }
        double[][] kept = DOUBLES.get();
        if (kept[slot].length < length) {
            kept[slot] = new double[Math.max(length, Math.min(MAX_KEPT, 2 * kept[slot].length))];
        }
        return kept[slot];
    }
}
