package org.neurocompress.entropy;

/**
 * Range asymmetric numeral systems (rANS; Duda, and Giesen's rans_byte): a 32-bit state, byte-wise output and
 * 15-bit frequencies. rANS codes last-in first-out, so {@link #encode} takes a frame's intervals in the order the
 * decoder reads them and codes them backwards; the decoder's step per symbol is a multiplication and a shift
 * ({@link #decode}), which is why the fast lossless level uses it rather than binary arithmetic coding.
 *
 * <p>Stream: the two final states in 4 bytes each (big-endian; the state of the even intervals first), then the
 * renormalisation bytes in reading order. The decoder starts from those 8 bytes, decodes interval i with state
 * i mod 2, and after each {@link #decode} reads bytes while that state is below {@link #LOW}; a stream decoded to its
 * end leaves both states at {@link #LOW}, where the encoder started them.
 */
public final class Rans {
    public static final int SCALE_BITS = AdaptiveFrequencies.SCALE_BITS;
    /** The state lives in [LOW, LOW·256) = [2^23, 2^31): a positive int. */
    public static final int LOW = 1 << 23;
    private static final int MASK = (1 << SCALE_BITS) - 1;

    private Rans() {
    }

    /**
     * Codes the intervals [starts[i], starts[i] + frequencies[i]) of 2^15, i in [0, count), frequencies ≥ 1, with two
     * interleaved states: interval i in state i mod 2, so a decoder's consecutive steps do not wait on each other.
     * The stream is written backwards into the end of {@code out}, which must hold {@link #maxBytes}(count) bytes;
     * returns where it starts.
     */
    public static int encode(int[] starts, int[] frequencies, int count, byte[] out) {
        int position = out.length;
        int x0 = LOW;
        int x1 = LOW;
        int i = count - 1;
        if (count > 0 && (count & 1) == 0) { // the last interval is odd: code it alone, then pairs (even, odd)
            int f = frequencies[i];
            int limit = f << (31 - SCALE_BITS);
            while (x1 >= limit) {
                out[--position] = (byte) x1;
                x1 >>>= 8;
            }
            int q = x1 / f;
            x1 = (q << SCALE_BITS) + (x1 - q * f) + starts[i];
            i--;
        }
        // The two states in their own variables and steps, so that their divisions overlap.
        for (; i >= 0; i -= 2) {
            int f0 = frequencies[i];
            int limit0 = f0 << (31 - SCALE_BITS); // the state after coding must stay below 2^31
            while (x0 >= limit0) {
                out[--position] = (byte) x0;
                x0 >>>= 8;
            }
            int q0 = x0 / f0;
            x0 = (q0 << SCALE_BITS) + (x0 - q0 * f0) + starts[i];
            if (i == 0) {
                break;
            }
            int f1 = frequencies[i - 1];
            int limit1 = f1 << (31 - SCALE_BITS);
            while (x1 >= limit1) {
                out[--position] = (byte) x1;
                x1 >>>= 8;
            }
            int q1 = x1 / f1;
            x1 = (q1 << SCALE_BITS) + (x1 - q1 * f1) + starts[i - 1];
        }
        position = putState(out, position, x1);
        position = putState(out, position, x0);
        return position;
    }

    /** The most bytes {@link #encode} needs for {@code count} intervals (a frequency of 1 costs 15 bits). */
    public static int maxBytes(int count) {
        return 2 * count + 8; // 2 bytes an interval, and the two states
    }

    private static int putState(byte[] out, int position, int x) {
        position -= 4;
        out[position] = (byte) (x >>> 24);
        out[position + 1] = (byte) (x >>> 16);
        out[position + 2] = (byte) (x >>> 8);
        out[position + 3] = (byte) x;
        return position;
    }

    /** Where state {@code x} points in [0, 2^15): the symbol to decode is the one whose interval holds it. */
    public static int slot(int x) {
        return x & MASK;
    }

    /** The state after decoding the symbol of interval [start, start + frequency), before reading bytes. */
    public static int decode(int x, int start, int frequency) {
        return frequency * (x >>> SCALE_BITS) + (x & MASK) - start;
    }
}
