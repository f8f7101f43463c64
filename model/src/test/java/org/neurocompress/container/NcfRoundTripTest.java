package org.neurocompress.container;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurocompress.codec.FrameEncoder;
import org.neurocompress.codec.dct.DctCodec;
import org.neurocompress.codec.raw.RawCodec;
import org.neurocompress.frame.FrameFormatException;
import org.neurocompress.synth.SyntheticRecording;
import org.neurocompress.wav.WavReader;

class NcfRoundTripTest {
    @TempDir
    Path dir;

    @Test
    void rawMultiChannelOddLengthIsExact() throws Exception {
        Path wav = dir.resolve("in.wav");
        SyntheticRecording.write(wav, 3, 10_001, 19531, 8);
        Path ncf = dir.resolve("x.ncf");
        NcfEncoder.Result r = new NcfEncoder(new FrameEncoder(new RawCodec(), 1), 4096).encode(wav, ncf);
        assertEquals(3 * 3, r.frames());
        Path out = dir.resolve("out.wav");
        try (NcfReader reader = NcfReader.open(ncf)) {
            assertEquals(10_001, reader.header().samplesPerChannel());
            assertEquals(10_001, NcfDecoder.decode(reader, new RawCodec(), out));
        }
        short[][] a = WavReader.readAll(wav);
        short[][] b = WavReader.readAll(out);
        for (int c = 0; c < 3; c++) {
            assertArrayEquals(a[c], b[c]);
        }
    }

    @Test
    void dctKeepsTheExactLengthAndChannelCount() throws Exception {
        Path wav = dir.resolve("in.wav");
        SyntheticRecording.write(wav, 2, 70_000, 19531, 9);
        Path ncf = dir.resolve("x.ncf");
        DctCodec dct = new DctCodec();
        new NcfEncoder(new FrameEncoder(dct, 4), 16 * 1024).encode(wav, ncf);
        Path out = dir.resolve("out.wav");
        try (NcfReader reader = NcfReader.open(ncf)) {
            NcfDecoder.decode(reader, dct, out);
        }
        short[][] b = WavReader.readAll(out);
        assertEquals(2, b.length);
        assertEquals(70_000, b[0].length);
    }

    @Test
    void truncatedAndCorruptFilesNameTheProblem() throws Exception {
        Path wav = dir.resolve("in.wav");
        SyntheticRecording.write(wav, 2, 9000, 19531, 10);
        Path ncf = dir.resolve("x.ncf");
        new NcfEncoder(new FrameEncoder(new RawCodec(), 1), 4096).encode(wav, ncf);
        byte[] bytes = Files.readAllBytes(ncf);

        Path truncated = dir.resolve("truncated.ncf");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length - 9000));
        assertTrue(decodeError(truncated).contains("truncated"));

        Path corrupt = dir.resolve("corrupt.ncf");
        byte[] c = bytes.clone();
        c[c.length - 100] ^= 1;
        assertTrue(decodeError(corrupt, c).contains("frame 5: checksum mismatch"));

        Path notNcf = dir.resolve("not.ncf");
        Files.write(notNcf, "hello".getBytes());
        assertTrue(decodeError(notNcf).contains("not an .ncf file"));

        Path header = dir.resolve("header.ncf");
        byte[] h = bytes.clone();
        h[5] ^= 1;
        assertTrue(decodeError(header, h).contains("header checksum mismatch"));
    }

    private String decodeError(Path file, byte[] bytes) throws Exception {
        Files.write(file, bytes);
        return decodeError(file);
    }

    private String decodeError(Path file) {
        FrameFormatException e = assertThrows(FrameFormatException.class, () -> {
            try (NcfReader reader = NcfReader.open(file)) {
                NcfDecoder.decode(reader, new RawCodec(), dir.resolve("o.wav"));
            }
        });
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        return e.getMessage();
    }
}
