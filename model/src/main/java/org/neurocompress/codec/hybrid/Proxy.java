package org.neurocompress.codec.hybrid;

/**
 * A first guess of a frame's step, so that the search for the finest step that fits starts near it: bits are
 * predicted from a histogram of the coefficients' magnitudes in sixteenths of an octave, one step index each (by the
 * mantissa's top four bits: linear within an octave, close enough for a guess), a significant coefficient of v steps
 * costing about 3 + log2 v bits, evaluated for every step in one pass over the histogram.
 */
final class Proxy {
    /** Steps are 2^(s/16): a bin a step index wide, so the predicted bits change at every step, not every fourth. */
    private static final int BINS_PER_OCTAVE = 16;
    private static final int BINS = BINS_PER_OCTAVE * 40;
    private static final double[] BITS = new double[2 * BINS];

    static {
        for (int b = 0; b < BITS.length; b++) {
            double log2v = (b - BINS) / (double) BINS_PER_OCTAVE;
            BITS[b] = log2v >= -1 ? 3 + Math.max(0, log2v) : 0;
        }
    }

    private final int[] histogram;

    private Proxy(int[] histogram) {
        this.histogram = histogram;
    }

    static Proxy of(double[][] coefficients) {
        // Four histograms, one for each coefficient of four in turn, added at the end: neighbouring coefficients
        // often fall in one bin, and each increment of it would wait for the one before. Each has a bin in front
        // for magnitudes below 1, which cost nothing: counted there rather than branched around.
        int width = BINS + 1;
        int[] histograms = new int[4 * width];
        for (double[] segment : coefficients) {
            for (int i = 0; i < segment.length; i++) {
                // 16 log2|c|, from the exponent and the mantissa's top bits: no logarithm per coefficient; below 1
                // (exponent under 0, zero included) it is negative and lands in the bin in front.
                long bits = Double.doubleToRawLongBits(segment[i]);
                int exponent = (int) ((bits >>> 52) & 0x7FF) - 1023;
                int sixteenth = (int) ((bits >>> 48) & 15);
                int bin = Math.max(-1, Math.min(BINS - 1, BINS_PER_OCTAVE * exponent + sixteenth));
                histograms[(i & 3) * width + 1 + bin]++;
            }
        }
        int[] histogram = new int[BINS];
        for (int b = 0; b < BINS; b++) {
            histogram[b] = histograms[1 + b] + histograms[width + 1 + b] + histograms[2 * width + 1 + b]
                    + histograms[3 * width + 1 + b];
        }
        return new Proxy(histogram);
    }

    /** The smallest step index whose predicted bits fit {@code budgetBits}. */
    int step(double budgetBits) {
        int lo = 0;
        int hi = Background.MAX_STEP_INDEX;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (bits(mid) <= budgetBits) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** Predicted bits at step index s: 16 log2(a / step) = bin - s. */
    double bits(int s) {
        double bits = 0;
        int shift = s * BINS_PER_OCTAVE / 16;
        for (int b = 0; b < BINS; b++) {
            if (histogram[b] != 0) {
                bits += histogram[b] * BITS[Math.max(0, Math.min(BITS.length - 1, b - shift + BINS))];
            }
        }
        return bits;
    }
}
