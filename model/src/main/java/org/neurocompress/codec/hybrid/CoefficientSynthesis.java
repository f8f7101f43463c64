package org.neurocompress.codec.hybrid;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.neurocompress.metrics.Butterworth;

/**
 * The decoded background of one frame at chosen samples, straight from its quantised coefficients: a sample's value
 * (the inverse DCT summed at that sample) and its spike band (each coefficient times its basis function's
 * band-passed response: filtering is linear). The event planner of frames longer than a few segments reads the
 * decoded signal only around its troughs, a few dozen samples each; summing them from the non-zero coefficients
 * costs a fraction of reconstructing the segments around every trough and band-passing a window of each.
 *
 * <p>The band-passed values are those of the frame's decoded signal filtered as a whole, zero phase, with nothing
 * outside the frame: exact to about a millionth of the band's peak (where the responses' tails are cut), at samples
 * farther than {@link #tail()} from the frame's ends. Nearer the ends the planner filters a window instead.
 */
final class CoefficientSynthesis {
    private static final int N = Background.SEGMENT;
    private static final double SCALE_0 = Math.sqrt(1.0 / N);
    private static final double SCALE = Math.sqrt(2.0 / N);
    /** Basis responses by filter, shared: every encoder of a sample rate reads the same ones. */
    private static final ConcurrentHashMap<Double, Responses> RESPONSES = new ConcurrentHashMap<>();

    private final Responses responses;
    private final int[][] q;
    private final double step;
    /**
     * Per segment, once read: its non-zero coefficients' indices and amplitudes (quantised value x step x the
     * orthonormal scale), the weights of the cosines.
     */
    private final int[][] indices;
    private final double[][] values;
    /** Per segment, once counted: how many coefficients are not zero (-1: not yet counted). */
    private final int[] counts;

    CoefficientSynthesis(Butterworth spikeBand, double sampleRate, int[][] q, int stepIndex) {
        this.responses = RESPONSES.computeIfAbsent(sampleRate, rate -> new Responses(spikeBand, rate));
        this.q = q;
        this.step = Background.step(stepIndex);
        this.indices = new int[q.length][];
        this.values = new double[q.length][];
        this.counts = new int[q.length];
        java.util.Arrays.fill(counts, -1);
    }

    /** How far a segment's band-passed basis functions reach beyond it, in samples. */
    int tail() {
        return responses.tail;
    }

    /** The decoded background at sample i of the frame (0 <= i < segments x 1024). */
    double sample(int i) {
        int s = i / N;
        int odd = 2 * (i - s * N) + 1;
        read(s);
        int[] k = indices[s];
        double[] v = values[s];
        double[] cos = responses.cos;
        double sum = 0;
        for (int j = 0; j < k.length; j++) {
            // cos(pi (2t + 1) k / 2N) = cos[(2t + 1) k mod 4N]: the cosine's period is 4N quarter-steps.
            sum += v[j] * cos[(odd * k[j]) & (4 * N - 1)];
        }
        return sum;
    }

    /** How many non-zero coefficients {@link #addBanded} of samples [from, to) sums over. */
    int nonZero(int from, int to) {
        int count = 0;
        int tail = responses.tail;
        for (int s = Math.max(0, Math.floorDiv(from - tail, N)); s <= Math.min(q.length - 1,
                Math.floorDiv(to - 1 + tail, N)); s++) {
            count += count(s);
        }
        return count;
    }

    /** Adds the decoded background's band-passed samples [from, to) to {@code out[0 .. to - from)}. */
    void addBanded(int from, int to, double[] out) {
        int tail = responses.tail;
        int firstSegment = Math.max(0, Math.floorDiv(from - tail, N));
        int lastSegment = Math.min(q.length - 1, Math.floorDiv(to - 1 + tail, N));
        for (int s = firstSegment; s <= lastSegment; s++) {
            read(s);
            int[] k = indices[s];
            double[] v = values[s];
            // Response index j is sample s N - tail + j.
            int offset = from - (s * N - tail);
            int start = Math.max(0, -offset);
            int end = Math.min(to - from, N + 2 * tail - offset);
            for (int j = 0; j < k.length; j++) {
                double[] response = responses.row(k[j]);
                double a = v[j];
                for (int i = start; i < end; i++) {
                    out[i] += a * response[offset + i];
                }
            }
        }
    }

    /** Segment s's non-zero coefficients, counted once. */
    private int count(int s) {
        if (counts[s] < 0) {
            int[] segment = q[s];
            int count = 0;
            for (int value : segment) {
                count += (value | -value) >>> 31; // 1 for a non-zero value: no branch, so the loop vectorises
            }
            counts[s] = count;
        }
        return counts[s];
    }

    private void read(int s) {
        if (indices[s] != null) {
            return;
        }
        int[] segment = q[s];
        int count = count(s);
        int[] k = new int[count];
        double[] v = new double[count];
        for (int i = 0, j = 0; j < count; i++) {
            if (segment[i] != 0) {
                k[j] = i;
                v[j] = segment[i] * step * (i == 0 ? SCALE_0 : SCALE);
                j++;
            }
        }
        indices[s] = k;
        values[s] = v;
    }

    /** The DCT's cosines and their band-passed responses, each computed when first needed. */
    private static final class Responses {
        private final Butterworth band;
        private final int tail;
        /** cos(pi m / 2N), m in [0, 4N). */
        private final double[] cos = new double[4 * N];
        private final AtomicReferenceArray<double[]> rows = new AtomicReferenceArray<>(N);

        Responses(Butterworth band, double sampleRate) {
            this.band = band;
            // The zero-phase impulse response of the 300-5000 Hz band-pass falls below 4e-7 of its peak within 256
            // samples at 19 531 Hz and 2e-8 within 320 (its slowest poles, of radius 0.955, come from the 300 Hz
            // edge); 320, since a segment's DC steps (N1 offsets reach thousands of units) leave the longer tails of
            // a step response. In samples, it scales with the rate.
            this.tail = (int) Math.ceil(320 * sampleRate / 19531.0);
            for (int m = 0; m < cos.length; m++) {
                cos[m] = StrictMath.cos(Math.PI * m / (2.0 * N));
            }
        }

        /**
         * The cosine of basis function k of a segment (without its scale), band-passed, over the segment and
         * {@link #tail} samples each side (13 KB at 19 531 Hz; 14 MB if every one is read). Filtered with twice the
         * tail each side, so neither pass of the zero-phase filter is cut short where it is kept. Threads that race
         * compute the same values.
         */
        double[] row(int k) {
            double[] row = rows.get(k);
            if (row == null) {
                double[] padded = new double[N + 4 * tail];
                for (int t = 0; t < N; t++) {
                    padded[2 * tail + t] = cos[((2 * t + 1) * k) & (4 * N - 1)];
                }
                row = java.util.Arrays.copyOfRange(band.filtfilt(padded), tail, N + 3 * tail);
                rows.set(k, row);
            }
            return row;
        }
    }
}
