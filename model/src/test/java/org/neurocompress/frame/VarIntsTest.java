package org.neurocompress.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import org.junit.jupiter.api.Test;

class VarIntsTest {
    @Test
    void roundTripsAndSizes() throws Exception {
        long[] values = {0, 1, 127, 128, 16383, 16384, 19531, 1L << 35, Long.MAX_VALUE, -1L};
        for (long v : values) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            VarInts.write(v, out);
            assertEquals(VarInts.size(v), out.size());
            assertEquals(v, VarInts.read(new ByteArrayInputStream(out.toByteArray()), -1L, "v"));
        }
    }

    @Test
    void rejectsOverflowUnboundedAndTruncatedValues() {
        byte[] eleven = {-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 1};
        assertThrows(FrameFormatException.class, () -> VarInts.read(new ByteArrayInputStream(eleven), -1L, "x"));
        byte[] big = {-128, -128, 4}; // 65536
        FrameFormatException e = assertThrows(FrameFormatException.class,
                () -> VarInts.read(new ByteArrayInputStream(big), 1000, "sample count"));
        assertTrue(e.getMessage().contains("sample count 65536 is out of bounds"), e.getMessage());
        assertThrows(EOFException.class, () -> VarInts.read(new ByteArrayInputStream(new byte[] {-128}), 10, "x"));
    }
}
