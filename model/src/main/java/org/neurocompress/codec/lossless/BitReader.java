package org.neurocompress.codec.lossless;

import org.neurocompress.codec.CodecException;

/** Reads what {@link BitWriter} wrote; reading past the end is a truncated payload and fails. */
final class BitReader {
    private final byte[] in;
    private int position;
    private long buffer;
    private int bits;

    BitReader(byte[] in, int offset) {
        this.in = in;
        this.position = offset;
    }

    private void fill() throws CodecException {
        while (bits <= 56) {
            if (position >= in.length) {
                if (bits > 0) {
                    return;
                }
                throw new CodecException("lossless payload ends early (truncated)");
            }
            buffer = buffer << 8 | in[position++] & 0xFF;
            bits += 8;
        }
    }

    /** Reads {@code count} bits, 0 ≤ count ≤ 32. */
    int read(int count) throws CodecException {
        if (count == 0) {
            return 0;
        }
        if (bits < count) {
            fill();
            if (bits < count) {
                throw new CodecException("lossless payload ends early (truncated)");
            }
        }
        bits -= count;
        return (int) (buffer >>> bits & ((1L << count) - 1));
    }

    /** Counts zero bits up to the next one bit and consumes them and it; at most {@code limit} zeros. */
    int readZeros(int limit) throws CodecException {
        int zeros = 0;
        while (true) {
            if (bits == 0) {
                fill();
            }
            long window = buffer << (64 - bits);
            int lead = Long.numberOfLeadingZeros(window);
            if (lead < bits) {
                zeros += lead;
                bits -= lead + 1;
                if (zeros > limit) {
                    throw new CodecException("lossless payload has a run of " + zeros + " zero bits (limit " + limit
                            + ")");
                }
                return zeros;
            }
            zeros += bits;
            bits = 0;
            if (zeros > limit) {
                throw new CodecException("lossless payload has a run of " + zeros + " zero bits (limit " + limit
                        + ")");
            }
        }
    }

    int readUnsigned() throws CodecException {
        int zeros = readZeros(31);
        long v = 1L << zeros | (zeros == 0 ? 0 : read(zeros) & 0xFFFFFFFFL);
        return (int) Math.min(Integer.MAX_VALUE, v - 1);
    }

    /** The first byte not yet read, once reading has reached the padding of a byte (what follows starts there). */
    int bytePosition() {
        return position - bits / 8;
    }
}
