package org.neurocompress.kafka.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SamplesRecordFormatTest {
    private static SamplesRecord packet() {
        short[] interleaved = new short[3 * 5];
        for (int i = 0; i < interleaved.length; i++) {
            interleaved[i] = (short) (i * 1000 - 7000);
        }
        return new SamplesRecord(7, 96, 3, 123_456_789_012L, 19531, 5, interleaved);
    }

    @Test
    void channelsDeinterleaveEveryChannelAcrossTileEdges() {
        int channels = 70;
        int perChannel = 131;
        short[] interleaved = new short[channels * perChannel];
        for (int t = 0; t < perChannel; t++) {
            for (int c = 0; c < channels; c++) {
                interleaved[t * channels + c] = (short) (c * 1000 + t);
            }
        }
        SamplesRecord r = new SamplesRecord(1, 5, channels, 0, 20000, perChannel, interleaved);
        short[][] all = r.channels();
        assertEquals(channels, all.length);
        for (int c = 0; c < channels; c++) {
            assertArrayEquals(r.channel(c), all[c], "channel " + c);
            assertEquals((short) (c * 1000 + 130), all[c][130]);
        }
    }

    @Test
    void roundTripsAPacketInterleavedByTime() throws Exception {
        SamplesRecord r = packet();
        byte[] bytes = SamplesRecordFormat.toBytes(r);
        assertEquals(32 + 2 * 15, bytes.length);
        SamplesRecord back = SamplesRecordFormat.parse(bytes);
        assertEquals(7, back.deviceId());
        assertEquals(96, back.firstChannel());
        assertEquals(123_456_789_012L, back.firstSampleIndex());
        assertArrayEquals(r.interleaved(), back.interleaved());
        // Channel 1 of the packet: samples 1, 4, 7, 10, 13 of the interleaved array.
        assertArrayEquals(new short[] {-6000, -3000, 0, 3000, 6000}, back.channel(1));
    }

    @Test
    void badMagicIsRejectedWithItsReason() {
        byte[] bytes = SamplesRecordFormat.toBytes(packet());
        bytes[0] = 'X';
        assertReason(bytes, "bad magic 'XS'");
    }

    @Test
    void wrongLengthIsRejected() {
        byte[] bytes = SamplesRecordFormat.toBytes(packet());
        assertReason(Arrays.copyOf(bytes, 20), "too short: 20 bytes");
        assertReason(Arrays.copyOf(bytes, bytes.length - 2), "sample count does not match size: 3 channels x 5 "
                + "samples need 62 bytes, the record has 60");
        assertReason(Arrays.copyOf(bytes, bytes.length + 1), "the record has 63");
    }

    @Test
    void sampleCountThatDoesNotMatchItsSizeIsRejected() {
        byte[] bytes = SamplesRecordFormat.toBytes(packet());
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(28, 6);
        assertReason(bytes, "3 channels x 6 samples need 68 bytes, the record has 62");
    }

    @Test
    void fieldsOutOfBoundsAreRejected() {
        byte[] version = SamplesRecordFormat.toBytes(packet());
        version[2] = 2;
        assertReason(version, "unsupported samples record version 2");
        byte[] channels = SamplesRecordFormat.toBytes(packet());
        ByteBuffer.wrap(channels).order(ByteOrder.LITTLE_ENDIAN).putShort(12, (short) 0);
        assertReason(channels, "channel count 0");
        byte[] rate = SamplesRecordFormat.toBytes(packet());
        ByteBuffer.wrap(rate).order(ByteOrder.LITTLE_ENDIAN).putInt(24, 0);
        assertReason(rate, "sample rate 0 is out of bounds");
        byte[] huge = SamplesRecordFormat.toBytes(packet());
        ByteBuffer.wrap(huge).order(ByteOrder.LITTLE_ENDIAN).putShort(12, (short) 65535).putInt(28, 1 << 20);
        assertReason(huge, "65535 channels x 1048576 samples exceed the 8388608 samples a record may carry");
        assertReason(null, "null record value");
    }

    private static void assertReason(byte[] bytes, String expected) {
        MalformedRecordException e = assertThrows(MalformedRecordException.class,
                () -> SamplesRecordFormat.parse(bytes));
        assertTrue(e.getMessage().contains(expected), "'" + e.getMessage() + "' lacks '" + expected + "'");
    }
}
