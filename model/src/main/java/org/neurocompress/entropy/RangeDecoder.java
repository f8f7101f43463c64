package org.neurocompress.entropy;

/**
 * Decodes what {@link RangeEncoder} wrote. Reads zeros past the end of its input (the encoder drops trailing
 * zeros), so any input decodes to some bit sequence: callers bound every loop by the sizes they already know.
 */
public final class RangeDecoder {
    private static final int TOP_MASK = 0xFF000000;

    private final byte[] in;
    private int position;
    private int range = 0xFFFFFFFF;
    private int code;

    public RangeDecoder(byte[] in, int offset) {
        this.in = in;
        this.position = offset;
        for (int i = 0; i < 4; i++) {
            code = code << 8 | nextByte();
        }
    }

    public int decodeBit(short[] probs, int index) {
        int prob = probs[index];
        int bound = (range >>> Probabilities.BITS) * prob;
        int bit;
        if ((code ^ 0x80000000) < (bound ^ 0x80000000)) {
            range = bound;
            probs[index] = (short) (prob + ((Probabilities.ONE - prob) >>> Probabilities.MOVE_BITS));
            bit = 0;
        } else {
            range -= bound;
            code -= bound;
            probs[index] = (short) (prob - (prob >>> Probabilities.MOVE_BITS));
            bit = 1;
        }
        normalize();
        return bit;
    }

    /** Decodes a bit coded by {@link RangeEncoder#encodeBit16}. */
    public int decodeBit16(int probability) {
        int bound = (range >>> 16) * probability;
        int bit;
        if ((code ^ 0x80000000) < (bound ^ 0x80000000)) {
            range = bound;
            bit = 0;
        } else {
            range -= bound;
            code -= bound;
            bit = 1;
        }
        normalize();
        return bit;
    }

    /** Decodes a bit coded by {@link RangeEncoder#encodeBitFixed}. */
    public int decodeBitFixed(int prob) {
        int bound = (range >>> Probabilities.BITS) * prob;
        int bit;
        if ((code ^ 0x80000000) < (bound ^ 0x80000000)) {
            range = bound;
            bit = 0;
        } else {
            range -= bound;
            code -= bound;
            bit = 1;
        }
        normalize();
        return bit;
    }

    public int decodeDirect(int count) {
        int result = 0;
        for (int i = 0; i < count; i++) {
            range >>>= 1;
            int t = (code - range) >>> 31;
            code -= range & (t - 1);
            result = (result << 1) | (1 - t);
            normalize();
        }
        return result;
    }

    /** Decodes what {@link RangeEncoder#encodeBits} wrote (count 0..16); a damaged stream gives some value below 2^count. */
    public int decodeBits(int count) {
        range >>>= count;
        int value = Integer.divideUnsigned(code, range);
        int max = (1 << count) - 1;
        if (value > max) {
            value = max;
        }
        code -= value * range;
        while ((range & TOP_MASK) == 0) {
            range <<= 8;
            code = code << 8 | nextByte();
        }
        return value;
    }

    /** How many bytes past the end of the input the decoder has read (as zeros). */
    public int overrun() {
        return Math.max(0, position - in.length);
    }

    private void normalize() {
        if ((range & TOP_MASK) == 0) {
            range <<= 8;
            code = code << 8 | nextByte();
        }
    }

    private int nextByte() {
        int p = position++;
        return p < in.length ? in[p] & 0xFF : 0;
    }
}
