package org.neurocompress.entropy;

/**
 * Range asymmetric numeral systems (rANS; Duda, and Giesen's rans_byte): 32-bit states, byte-wise output and
 * 11-bit frequencies. rANS codes last-in first-out, so {@link #encode} takes a frame's intervals in the order the
 * decoder reads them and codes them backwards; the decoder's step per symbol is a multiplication and a shift
 * ({@link #decode}), which is why the fast lossless level uses it rather than binary arithmetic coding.
 *
 * <p>Stream: the four final states in 4 bytes each (big-endian; the state of intervals 0, 4, 8, ... first), then the
 * renormalisation bytes in reading order. The decoder starts from those 16 bytes, decodes interval i with state
 * i mod 4, and after each {@link #decode} reads bytes while that state is below {@link #LOW}; a stream decoded to its
 * end leaves every state at {@link #LOW}, where the encoder started them.
 */
public final class Rans {
    public static final int SCALE_BITS = AdaptiveFrequencies.SCALE_BITS;
    /** The state lives in [LOW, LOW·256) = [2^23, 2^31): a positive int. */
    public static final int LOW = 1 << 23;
    private static final int MASK = (1 << SCALE_BITS) - 1;

    private Rans() {
    }

    /** Interleaved states: interval i is coded in state i mod 4, so a decoder's next steps do not wait on this one. */
    public static final int STATES = 4;

    /**
     * Codes the intervals [start, start + frequency) of 2^11, frequency ≥ 1, packed in {@code intervals[0, count)} as
     * {@link AdaptiveFrequencies#pack} packs them (one read an interval). The stream is written backwards into the
     * end of {@code out}, which must hold {@link #maxBytes}(count) bytes; returns where it starts.
     */
    public static int encode(int[] intervals, int count, byte[] out) {
        int[] position = {out.length};
        int[] x = {LOW, LOW, LOW, LOW};
        int i = count - 1;
        for (; i >= 0 && (i & 3) != 3; i--) { // the last intervals, down to a whole group of four
            x[i & 3] = put(x[i & 3], intervals[i], out, position);
        }
        int at = position[0];
        int x0 = x[0];
        int x1 = x[1];
        int x2 = x[2];
        int x3 = x[3];
        // Four states in their own variables, so that their divisions overlap. About half the intervals need a byte
        // written first, unpredictably: each state writes its low byte below the stream and keeps it (moves at) only
        // if it needed it, without a branch (3-4% faster to encode on dev/ in a scratch harness); positions below at
        // are free, the states' 16 bytes among them.
        int need;
        for (; i >= 3; i -= 4) {
            int interval = intervals[i];
            int f = AdaptiveFrequencies.frequencyOf(interval);
            int limit = f << (31 - SCALE_BITS); // the state after coding must stay below 2^31
            out[at - 1] = (byte) x3; // kept only if needed (--at): no branch on it
            need = (limit - 1 - x3) >>> 31;
            at -= need;
            x3 >>>= need << 3;
            if (x3 >= limit) { // a second byte: rare
                out[--at] = (byte) x3;
                x3 >>>= 8;
            }
            int q = x3 / f;
            x3 = (q << SCALE_BITS) + (x3 - q * f) + AdaptiveFrequencies.startOf(interval);
            interval = intervals[i - 1];
            f = AdaptiveFrequencies.frequencyOf(interval);
            limit = f << (31 - SCALE_BITS);
            out[at - 1] = (byte) x2;
            need = (limit - 1 - x2) >>> 31;
            at -= need;
            x2 >>>= need << 3;
            if (x2 >= limit) { // a second byte: rare
                out[--at] = (byte) x2;
                x2 >>>= 8;
            }
            q = x2 / f;
            x2 = (q << SCALE_BITS) + (x2 - q * f) + AdaptiveFrequencies.startOf(interval);
            interval = intervals[i - 2];
            f = AdaptiveFrequencies.frequencyOf(interval);
            limit = f << (31 - SCALE_BITS);
            out[at - 1] = (byte) x1;
            need = (limit - 1 - x1) >>> 31;
            at -= need;
            x1 >>>= need << 3;
            if (x1 >= limit) { // a second byte: rare
                out[--at] = (byte) x1;
                x1 >>>= 8;
            }
            q = x1 / f;
            x1 = (q << SCALE_BITS) + (x1 - q * f) + AdaptiveFrequencies.startOf(interval);
            interval = intervals[i - 3];
            f = AdaptiveFrequencies.frequencyOf(interval);
            limit = f << (31 - SCALE_BITS);
            out[at - 1] = (byte) x0;
            need = (limit - 1 - x0) >>> 31;
            at -= need;
            x0 >>>= need << 3;
            if (x0 >= limit) { // a second byte: rare
                out[--at] = (byte) x0;
                x0 >>>= 8;
            }
            q = x0 / f;
            x0 = (q << SCALE_BITS) + (x0 - q * f) + AdaptiveFrequencies.startOf(interval);
        }
        at = putState(out, at, x3);
        at = putState(out, at, x2);
        at = putState(out, at, x1);
        return putState(out, at, x0);
    }

    /** One interval coded in state {@code x}, its bytes written below {@code position[0]}; the new state. */
    private static int put(int x, int interval, byte[] out, int[] position) {
        int start = AdaptiveFrequencies.startOf(interval);
        int frequency = AdaptiveFrequencies.frequencyOf(interval);
        int limit = frequency << (31 - SCALE_BITS);
        while (x >= limit) {
            out[--position[0]] = (byte) x;
            x >>>= 8;
        }
        int q = x / frequency;
        return (q << SCALE_BITS) + (x - q * frequency) + start;
    }

    /** The most bytes {@link #encode} needs for {@code count} intervals (a frequency of 1 costs 11 bits). */
    public static int maxBytes(int count) {
        return 2 * count + 4 * STATES; // 2 bytes an interval, and the states
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
