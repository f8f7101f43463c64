package org.neurocompress.codec.hybrid;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Segment-long rows an encoder reuses from frame to frame: a frame's coefficients and its quantised values, half a
 * megabyte and a quarter at the default level, were 45% of what the encoder allocated (and the garbage collector
 * then collected, ten times a second in the stream job). Likewise frame-long arrays (the samples, the band-passed
 * signal), by length. Holds at most what one group of frames had in use at once, of the last few frame lengths.
 * Not thread-safe, as its encoder.
 */
final class Rows {
    /** Frame lengths kept at once: a stream's frames have one or two (whole and short ones). */
    private static final int FRAME_LENGTHS = 4;
    private final ArrayDeque<double[]> doubles = new ArrayDeque<>();
    private final ArrayDeque<int[]> ints = new ArrayDeque<>();
    private final Map<Integer, ArrayDeque<double[]>> frames = new HashMap<>();

    /** {@code count} rows of any content. */
    double[][] doubles(int count) {
        double[][] rows = new double[count][];
        for (int r = 0; r < count; r++) {
            double[] row = doubles.poll();
            rows[r] = row != null ? row : new double[Background.SEGMENT];
        }
        return rows;
    }

    /** {@code count} rows of zeros. */
    int[][] ints(int count) {
        int[][] rows = new int[count][];
        for (int r = 0; r < count; r++) {
            int[] row = ints.poll();
            if (row != null) {
                Arrays.fill(row, 0);
            }
            rows[r] = row != null ? row : new int[Background.SEGMENT];
        }
        return rows;
    }

    /** Takes rows back: the caller no longer reads or writes them. */
    void release(double[][] rows) {
        for (double[] row : rows) {
            doubles.push(row);
        }
    }

    void release(int[][] rows) {
        for (int[] row : rows) {
            ints.push(row);
        }
    }

    /** An array of exactly {@code length} doubles, of any content. */
    double[] frame(int length) {
        ArrayDeque<double[]> kept = frames.get(length);
        double[] array = kept == null ? null : kept.poll();
        return array != null ? array : new double[length];
    }

    /** Takes a frame-long array back: the caller no longer reads or writes it. */
    void release(double[] frame) {
        ArrayDeque<double[]> kept = frames.get(frame.length);
        if (kept == null) {
            if (frames.size() == FRAME_LENGTHS) {
                // Lengths come and go with short frames: the pool forgets the others rather than grow.
                frames.clear();
            }
            kept = new ArrayDeque<>();
            frames.put(frame.length, kept);
        }
        kept.push(frame);
    }
}
