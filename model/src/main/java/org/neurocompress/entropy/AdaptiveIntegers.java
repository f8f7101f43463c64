package org.neurocompress.entropy;

/**
 * Codes unsigned integers with an adaptive Elias-gamma scheme: the bit length goes through an adaptive 5-bit
 * tree, the bits below the leading one are coded directly. Small values cost little once the model has seen a
 * few, and every value up to 2^31 - 2 is representable, so a corrupt stream still decodes to a bounded value.
 */
public final class AdaptiveIntegers {
    private static final int LENGTH_BITS = 5;
    private final short[] lengthTree = Probabilities.create(1 << LENGTH_BITS);

    public void encode(RangeEncoder rc, int value) {
        if (value < 0 || value == Integer.MAX_VALUE) {
            throw new IllegalArgumentException("value out of range: " + value);
        }
        int v = value + 1;
        int length = 32 - Integer.numberOfLeadingZeros(v); // 1..31
        int node = 1;
        for (int i = LENGTH_BITS - 1; i >= 0; i--) {
            int bit = (length - 1) >>> i & 1;
            rc.encodeBit(lengthTree, node, bit);
            node = node << 1 | bit;
        }
        rc.encodeDirect(v, length - 1);
    }

    public int decode(RangeDecoder rc) {
        int node = 1;
        for (int i = 0; i < LENGTH_BITS; i++) {
            node = node << 1 | rc.decodeBit(lengthTree, node);
        }
        int length = (node - (1 << LENGTH_BITS)) + 1;
        if (length > 31) {
            length = 31;
        }
        int v = 1 << (length - 1) | (length > 1 ? rc.decodeDirect(length - 1) : 0);
        return v - 1;
    }

    /** Maps signed to unsigned: 0, -1, 1, -2, 2 ... to 0, 1, 2, 3, 4 ... */
    public static int zigzag(int value) {
        return value << 1 ^ value >> 31;
    }

    public static int unzigzag(int value) {
        return value >>> 1 ^ -(value & 1);
    }
}
