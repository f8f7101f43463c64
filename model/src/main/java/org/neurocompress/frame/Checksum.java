package org.neurocompress.frame;

import java.io.ByteArrayOutputStream;
import java.util.zip.CRC32C;

/** The CRC-32C trailer that closes frames and .ncf headers: 4 bytes, little-endian, over every byte before it. */
public final class Checksum {
    private Checksum() {
    }

    /** Appends the CRC-32C of everything written to {@code out} so far. */
    public static void append(ByteArrayOutputStream out) {
        CRC32C crc = new CRC32C();
        crc.update(out.toByteArray());
        int value = (int) crc.getValue();
        out.write(value);
        out.write(value >>> 8);
        out.write(value >>> 16);
        out.write(value >>> 24);
    }
}
