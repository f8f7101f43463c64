package org.neurocompress.entropy;

/**
 * A binary adaptive range coder in the style of LZMA's: 11-bit probabilities that adapt by 1/32 per coded bit.
 *
 * <p>Two bytes are saved against LZMA's framing, because at high compression ratios a frame's whole payload is a
 * few dozen bytes: the first output byte (always zero) is not written, and the final flush picks the value in the
 * last interval with the most trailing zero bytes and drops them, since {@link RangeDecoder} reads zeros past the
 * end.
 */
public final class RangeEncoder {
    private static final int TOP_MASK = 0xFF000000;

    private byte[] out = new byte[256];
    private int size;
    private long low;
    private int range = 0xFFFFFFFF;
    private int cache;
    private long cacheSize = 1;

    public void encodeBit(short[] probs, int index, int bit) {
        int prob = probs[index];
        int bound = (range >>> Probabilities.BITS) * prob;
        if (bit == 0) {
            range = bound;
            probs[index] = (short) (prob + ((Probabilities.ONE - prob) >>> Probabilities.MOVE_BITS));
        } else {
            low += bound & 0xFFFFFFFFL;
            range -= bound;
            probs[index] = (short) (prob - (prob >>> Probabilities.MOVE_BITS));
        }
        normalize();
    }

    /** Codes one bit with a fixed probability of zero, {@code prob} / 2^11, that does not adapt. */
    public void encodeBitFixed(int prob, int bit) {
        int bound = (range >>> Probabilities.BITS) * prob;
        if (bit == 0) {
            range = bound;
        } else {
            low += bound & 0xFFFFFFFFL;
            range -= bound;
        }
        normalize();
    }

    /**
     * Codes one bit whose probability of being zero is {@code probability} / 2^16 (1..65535): the caller's model
     * owns the probability and its adaptation.
     */
    public void encodeBit16(int probability, int bit) {
        int bound = (range >>> 16) * probability;
        if (bit == 0) {
            range = bound;
        } else {
            low += bound & 0xFFFFFFFFL;
            range -= bound;
        }
        normalize();
    }

    /** Codes the low {@code count} bits of {@code value}, most significant first, each with probability 1/2. */
    public void encodeDirect(int value, int count) {
        for (int i = count - 1; i >= 0; i--) {
            range >>>= 1;
            low += range & (0 - ((value >>> i) & 1));
            normalize();
        }
    }

    /**
     * Codes the low {@code count} bits of {@code value} (count 0..16) as one uniform symbol: one multiplication
     * instead of a step per bit. A different bit stream from {@link #encodeDirect}; {@link RangeDecoder#decodeBits}
     * reads it.
     */
    public void encodeBits(int value, int count) {
        range >>>= count;
        low += (range & 0xFFFFFFFFL) * (value & ((1 << count) - 1));
        while ((range & TOP_MASK) == 0) {
            range <<= 8;
            shiftLow();
        }
    }

    /**
     * The bytes the stream would take if it ended now, within a byte or two (what {@link #finish} may save is left
     * out): lets an encoder stop a candidate early once it is over its budget.
     */
    public int bytesSoFar() {
        return size + (int) cacheSize + 4;
    }

    /** Terminates the stream and returns its bytes; the encoder must not be used afterwards. */
    public byte[] finish() {
        long last = low + (range & 0xFFFFFFFFL) - 1;
        for (int shift = 32; shift >= 0; shift -= 8) {
            long mask = (1L << shift) - 1;
            long candidate = (low + mask) & ~mask;
            if (candidate <= last) {
                low = candidate;
                break;
            }
        }
        for (int i = 0; i < 5; i++) {
            shiftLow();
        }
        byte[] bytes = out;
        int end = size;
        while (end > 1 && bytes[end - 1] == 0) {
            end--;
        }
        // bytes[0] is the carry byte above the interval [0, 1): always zero, never stored.
        return java.util.Arrays.copyOfRange(bytes, 1, end);
    }

    private void normalize() {
        if ((range & TOP_MASK) == 0) {
            range <<= 8;
            shiftLow();
        }
    }

    private void shiftLow() {
        int lowHi = (int) (low >>> 32);
        if (lowHi != 0 || low < 0xFF000000L) {
            int temp = cache;
            do {
                if (size == out.length) {
                    out = java.util.Arrays.copyOf(out, 2 * size);
                }
                out[size++] = (byte) (temp + lowHi);
                temp = 0xFF;
            } while (--cacheSize != 0);
            cache = (int) (low >>> 24) & 0xFF;
        }
        cacheSize++;
        low = (low & 0x00FFFFFFL) << 8;
    }
}
