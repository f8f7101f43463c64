package org.neurocompress.codec.raw;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class RawCodecTest {
    @Test
    void everyInt16ValueSurvives() throws Exception {
        short[] all = new short[65536];
        for (int i = 0; i < all.length; i++) {
            all[i] = (short) (i - 32768);
        }
        RawCodec raw = new RawCodec();
        assertArrayEquals(all, raw.decode(raw.encode(all, 0, all.length, 1, 0), all.length, 1));
    }

    @Test
    void payloadIsLittleEndianFromTheOffset() throws Exception {
        RawCodec raw = new RawCodec();
        byte[] payload = raw.encode(new short[] {9, 0x1234, -2, 7}, 1, 2, 1, 0);
        assertArrayEquals(new byte[] {0x34, 0x12, (byte) 0xFE, (byte) 0xFF}, payload);
        assertArrayEquals(new short[] {0x1234, -2}, raw.decode(payload, 2, 1));
    }
}
