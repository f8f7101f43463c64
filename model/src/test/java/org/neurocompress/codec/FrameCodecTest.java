package org.neurocompress.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.neurocompress.codec.dct.DctCodec;
import org.neurocompress.codec.raw.RawCodec;
import org.neurocompress.frame.Frame;
import org.neurocompress.frame.FrameReader;
import org.neurocompress.frame.FrameWriter;
import org.neurocompress.synth.SyntheticElectrode;

class FrameCodecTest {
    private static final short[] SIGNAL = new SyntheticElectrode(5, 19531).samples(10_000);

    @Test
    void rawIsExactForEveryLengthIncludingAShortLastSegment() throws Exception {
        RawCodec raw = new RawCodec();
        FrameEncoder encoder = new FrameEncoder(raw, 1);
        FrameDecoder decoder = new FrameDecoder(raw);
        for (int length : new int[] {1, 7, 1023, 1024, 1025, 4096, 4097}) {
            Frame frame = encoder.encode(2, 777, 19531, SIGNAL, 100, length);
            short[] back = decoder.decode(FrameReader.parse(FrameWriter.toBytes(frame)));
            assertArrayEquals(Arrays.copyOfRange(SIGNAL, 100, 100 + length), back, "length " + length);
            assertEquals(777, frame.firstSampleIndex());
            assertEquals(length, frame.sampleCount());
        }
    }

    @Test
    void dctReturnsExactlyTheOriginalNumberOfSamples() throws Exception {
        DctCodec dct = new DctCodec();
        for (int level = 1; level <= dct.levels().size(); level++) {
            FrameEncoder encoder = new FrameEncoder(dct, level);
            for (int length : new int[] {1, 500, 1024, 3001}) {
                Frame frame = encoder.encode(0, 0, 19531, SIGNAL, 0, length);
                assertEquals(length, new FrameDecoder(dct).decode(frame).length);
            }
        }
    }

    @Test
    void aFrameFromAnotherModelIsRefusedNamingBothFingerprints() throws Exception {
        Codec modelA = new TestModelCodec(new byte[] {(byte) 0xAA, 0x01});
        Codec modelB = new TestModelCodec(new byte[] {(byte) 0xBB, 0x02});
        Frame frame = new FrameEncoder(modelA, 1).encode(0, 0, 19531, SIGNAL, 0, 2048);
        assertArrayEquals(Arrays.copyOf(SIGNAL, 2048), new FrameDecoder(modelA).decode(frame));
        WrongModelException e = assertThrows(WrongModelException.class, () -> new FrameDecoder(modelB).decode(frame));
        assertTrue(e.getMessage().contains("aa01") && e.getMessage().contains("bb02"), e.getMessage());
    }

    @Test
    void aFrameOfAnotherCodecIsRefused() {
        Frame frame = new FrameEncoder(new RawCodec(), 1).encode(0, 0, 19531, SIGNAL, 0, 100);
        CodecException e = assertThrows(CodecException.class, () -> new FrameDecoder(new DctCodec()).decode(frame));
        assertTrue(e.getMessage().contains("encoded by codec 'raw'"), e.getMessage());
    }

    @Test
    void aRawPayloadOfTheWrongSizeIsRefused() {
        CodecException e = assertThrows(CodecException.class, () -> new RawCodec().decode(new byte[5], 4, 1));
        assertTrue(e.getMessage().contains("raw payload of 5 bytes for 4 samples"), e.getMessage());
    }

    @Test
    void unknownCodecNamesListTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Codecs.create("zstd", java.util.Optional.empty()));
        assertTrue(e.getMessage().contains("unknown codec 'zstd'") && e.getMessage().contains("dct"));
    }

    @Test
    void aBatchEncodesExactlyAsOneByOne() {
        DctCodec dct = new DctCodec();
        FrameEncoder encoder = new FrameEncoder(dct, 3);
        java.util.List<FrameEncoder.Run> runs = new java.util.ArrayList<>();
        for (int c = 0; c < 5; c++) {
            short[] x = new SyntheticElectrode(20 + c, 19531).samples(3000 + 1000 * c);
            runs.add(new FrameEncoder.Run(c, 8192L * c, 19531, x));
        }
        java.util.List<Frame> batch = encoder.encodeBatch(runs);
        for (int c = 0; c < 5; c++) {
            FrameEncoder.Run r = runs.get(c);
            assertEquals(encoder.encode(r.channel(), r.firstSampleIndex(), r.sampleRate(), r.samples(), 0,
                    r.samples().length), batch.get(c));
        }
    }
}
