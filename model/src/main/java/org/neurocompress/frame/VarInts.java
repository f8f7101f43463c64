package org.neurocompress.frame;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Unsigned LEB128 integers: 7 bits a byte, low bits first, the high bit set on every byte but the last. */
public final class VarInts {
    /** A 64-bit value never takes more than this many bytes. */
    public static final int MAX_BYTES = 10;

    private VarInts() {
    }

    public static int size(long value) {
        int n = 1;
        while ((value & ~0x7FL) != 0) {
            value >>>= 7;
            n++;
        }
        return n;
    }

    public static void write(long value, OutputStream out) throws IOException {
        while ((value & ~0x7FL) != 0) {
            out.write((int) (value & 0x7F | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
    }

    /**
     * Reads one value and checks it against {@code max}; {@code field} names it in errors.
     */
    public static long read(InputStream in, long max, String field) throws IOException {
        long value = 0;
        for (int i = 0; i < MAX_BYTES; i++) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("ends inside " + field);
            }
            if (i == MAX_BYTES - 1 && (b & 0xFE) != 0) {
                throw new FrameFormatException(field + ": variable-length integer overflows 64 bits");
            }
            value |= (long) (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                if (Long.compareUnsigned(value, max) > 0) {
                    throw new FrameFormatException(field + " " + Long.toUnsignedString(value)
                            + " is out of bounds (at most " + max + ")");
                }
                return value;
            }
        }
        throw new FrameFormatException(field + ": variable-length integer longer than " + MAX_BYTES + " bytes");
    }
}
