package org.neurocompress.codec.hybrid;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * Segment-long rows an encoder reuses from frame to frame: a frame's coefficients and its quantised values, half a
 * megabyte and a quarter at the default level, were 45% of what the encoder allocated (and the garbage collector
 * then collected, ten times a second in the stream job). Holds at most what one group of frames had in use at once.
 * Not thread-safe, as its encoder.
 */
final class Rows {
    private final ArrayDeque<double[]> doubles = new ArrayDeque<>();
    private final ArrayDeque<int[]> ints = new ArrayDeque<>();

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
}
