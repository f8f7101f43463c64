package org.neurocompress.metrics;

/**
 * A thread's scratch array for the metrics' working copies (a filter's padded signal, a median's magnitudes), which
 * the encoder and the stream job's sidecar make for every frame: fresh ones were megabytes a frame to allocate, zero
 * and collect. Longer requests (whole recordings in {@code eval}) get a fresh array, so no thread keeps one.
 */
final class Scratch {
    /** 2 MB: a frame of the hybrid codec's default level with a filter's padding, with room. */
    private static final int MAX_KEPT = 1 << 18;
    private static final ThreadLocal<double[]> DOUBLES = ThreadLocal.withInitial(() -> new double[0]);

    private Scratch() {
    }

    /**
     * An array of at least {@code length} values, of any content: valid until the thread's next call, so a caller
     * must not call again (or call a method that does) while it uses it.
     */
    static double[] doubles(int length) {
        if (length > MAX_KEPT) {
            return new double[length];
        }
        double[] kept = DOUBLES.get();
        if (kept.length < length) {
            kept = new double[Math.max(length, Math.min(MAX_KEPT, 2 * kept.length))];
            DOUBLES.set(kept);
        }
        return kept;
    }
}
