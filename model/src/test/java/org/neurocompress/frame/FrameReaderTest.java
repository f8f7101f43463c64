package org.neurocompress.frame;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

class FrameReaderTest {
    static Frame sample() {
        byte[] payload = new byte[300];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i * 7);
        }
        return new Frame(CodecId.DCT, 3, new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, 1023, 123_456_789L, 19531, 1024,
                2000, payload);
    }

    @Test
    void roundTripsEveryField() throws Exception {
        Frame frame = sample();
        byte[] bytes = FrameWriter.toBytes(frame);
        assertEquals(frame, FrameReader.parse(bytes));
        assertEquals(bytes.length - frame.payload().length, FrameWriter.overhead(frame));
        assertEquals(2, frame.segmentCount());
    }

    @Test
    void readsConsecutiveFramesFromAStream() throws Exception {
        byte[] a = FrameWriter.toBytes(sample());
        byte[] both = Arrays.copyOf(a, 2 * a.length);
        System.arraycopy(a, 0, both, a.length, a.length);
        ByteArrayInputStream in = new ByteArrayInputStream(both);
        assertEquals(sample(), FrameReader.read(in));
        assertEquals(sample(), FrameReader.read(in));
        assertNull(FrameReader.read(in));
    }

    @Test
    void modelFreeFrameOverheadIsCompact() {
        Frame frame = new Frame(CodecId.DCT, 6, new byte[0], 5, 98_304, 19531, 1024, 65536, new byte[300]);
        // magic 2, version, codec, level, fingerprint length, channel 1, first index 3, rate 3, segment 2,
        // count 3, payload length 2, checksum 4: 6 + 1 + 3 + 3 + 2 + 3 + 2 + 4
        assertEquals(24, FrameWriter.overhead(frame));
    }

    @Test
    void badMagicIsNamed() {
        byte[] bytes = FrameWriter.toBytes(sample());
        bytes[0] = 'X';
        assertMessage(bytes, "bad magic");
    }

    @Test
    void unknownVersionIsNamed() {
        byte[] bytes = FrameWriter.toBytes(sample());
        bytes[2] = 9;
        assertMessage(bytes, "unsupported frame version 9");
    }

    @Test
    void unknownCodecIsNamed() {
        byte[] bytes = FrameWriter.toBytes(sample());
        bytes[3] = 77;
        assertMessage(bytes, "unknown codec id 77");
    }

    @Test
    void checksumMismatchIsNamed() {
        byte[] bytes = FrameWriter.toBytes(sample());
        bytes[bytes.length - 10] ^= 0x40;
        assertMessage(bytes, "checksum mismatch");
    }

    @Test
    void truncationIsNamed() {
        byte[] bytes = FrameWriter.toBytes(sample());
        assertMessage(Arrays.copyOf(bytes, 40), "truncated frame: ends inside payload");
        assertMessage(Arrays.copyOf(bytes, bytes.length - 1), "truncated frame: ends inside checksum");
        assertMessage(new byte[0], "empty frame");
    }

    @Test
    void trailingBytesAreNamed() {
        byte[] bytes = FrameWriter.toBytes(sample());
        assertMessage(Arrays.copyOf(bytes, bytes.length + 3), "3 unexpected bytes after the frame");
    }

    @Test
    void lengthsOutOfBoundsAreRejectedBeforeAnyAllocation() {
        // A header claiming one sample and a 2 GB payload: the payload length is checked against the sample count.
        byte[] header = {'N', 'F', 1, 2, 1, 0, /* channel */ 0, /* first */ 0, /* rate */ 100, /* segment */ 8,
            /* count */ 1, /* payload length 2^31 - 1 */ -1, -1, -1, -1, 7};
        assertMessage(header, "payload length 2147483647 is out of bounds");
        byte[] count = {'N', 'F', 1, 2, 1, 0, 0, 0, 100, 8, /* count 2^21 */ -128, -128, -128, 1};
        assertMessage(count, "sample count 2097152 is out of bounds");
        byte[] zeroRate = {'N', 'F', 1, 2, 1, 0, 0, 0, 0};
        assertMessage(zeroRate, "sample rate 0 is out of bounds");
        byte[] fingerprint = {'N', 'F', 1, 4, 1, 100};
        assertMessage(fingerprint, "fingerprint length 100 is out of bounds");
    }

    @Test
    void validChecksumOverInvalidFieldsStillFailsOnTheField() {
        // Forge a frame with a correct CRC but level 0: the reader must not trust it because the CRC matches.
        byte[] bytes = FrameWriter.toBytes(sample());
        bytes[4] = 0;
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 4);
        int v = (int) crc.getValue();
        bytes[bytes.length - 4] = (byte) v;
        bytes[bytes.length - 3] = (byte) (v >>> 8);
        bytes[bytes.length - 2] = (byte) (v >>> 16);
        bytes[bytes.length - 1] = (byte) (v >>> 24);
        assertMessage(bytes, "level 0 is out of bounds");
    }

    @Test
    void fingerprintSurvivesTheRoundTrip() throws Exception {
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, FrameReader.parse(FrameWriter.toBytes(sample()))
                .fingerprint());
    }

    private static void assertMessage(byte[] bytes, String expected) {
        FrameFormatException e = assertThrows(FrameFormatException.class, () -> FrameReader.parse(bytes));
        assertTrue(e.getMessage().contains(expected), "message '" + e.getMessage() + "' lacks '" + expected + "'");
    }
}
