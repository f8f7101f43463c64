package org.neurocompress.codec.lossless;

/** Writes bits most significant first into bytes, through a 64-bit accumulator: the fast level's output. */
final class BitWriter {
    private byte[] out;
    private int size;
    private long buffer;
    private int bits;

    BitWriter(int capacity) {
        out = new byte[Math.max(16, capacity)];
    }

    /** Writes the low {@code count} bits of {@code value}, 0 ≤ count ≤ 32. */
    void write(long value, int count) {
        buffer = buffer << count | value & ((1L << count) - 1);
        bits += count;
        if (bits >= 32) {
            if (size + 4 > out.length) {
                out = java.util.Arrays.copyOf(out, 2 * out.length + 8);
            }
            bits -= 32;
            int word = (int) (buffer >>> bits);
            out[size] = (byte) (word >>> 24);
            out[size + 1] = (byte) (word >>> 16);
            out[size + 2] = (byte) (word >>> 8);
            out[size + 3] = (byte) word;
            size += 4;
        }
    }

    /** Exp-Golomb of order 0: small values in few bits, any value below 2^31 representable. */
    void writeUnsigned(int value) {
        long v = (long) value + 1;
        int length = 64 - Long.numberOfLeadingZeros(v);
        write(0, length - 1);
        write(v, length);
    }

    /** The bytes written, the last padded with zero bits. */
    byte[] finish() {
        int pad = (8 - bits % 8) % 8;
        buffer <<= pad;
        bits += pad;
        if (size + 8 > out.length) {
            out = java.util.Arrays.copyOf(out, size + 8);
        }
        while (bits >= 8) {
            bits -= 8;
            out[size++] = (byte) (buffer >>> bits);
        }
        return java.util.Arrays.copyOf(out, size);
    }
}
