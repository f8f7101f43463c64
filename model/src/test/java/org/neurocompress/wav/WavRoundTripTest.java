package org.neurocompress.wav;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurocompress.synth.SyntheticElectrode;

class WavRoundTripTest {
    @TempDir
    Path dir;

    @Test
    void monoRoundTripsAtOddLengths() throws Exception {
        for (int length : new int[] {1, 3, 1023, 70_001}) {
            short[] x = new SyntheticElectrode(length, 19531).samples(length);
            Path file = dir.resolve("mono" + length + ".wav");
            WavWriter.writeAll(file, 19531, x);
            assertEquals(44 + 2L * length, Files.size(file));
            try (WavReader reader = WavReader.open(file)) {
                assertEquals(new WavFormat(1, 19531, length), reader.format());
            }
            assertArrayEquals(x, WavReader.readAll(file)[0]);
        }
    }

    @Test
    void multiChannelRoundTripsInterleavedByTime() throws Exception {
        short[][] x = new short[5][];
        for (int c = 0; c < x.length; c++) {
            x[c] = new SyntheticElectrode(c, 30_000).samples(12_345);
        }
        Path file = dir.resolve("multi.wav");
        WavWriter.writeAll(file, 30_000, x);
        short[][] back = WavReader.readAll(file);
        for (int c = 0; c < x.length; c++) {
            assertArrayEquals(x[c], back[c], "channel " + c);
        }
        byte[] raw = Files.readAllBytes(file);
        // The second sample of the data chunk is channel 1's first sample, little-endian.
        assertEquals(x[1][0], (short) (raw[46] & 0xFF | raw[47] << 8));
    }

    @Test
    void readsInBlocksOfAnySize() throws Exception {
        short[][] x = {new SyntheticElectrode(1, 8000).samples(10_007), new SyntheticElectrode(2, 8000)
                .samples(10_007)};
        Path file = dir.resolve("blocks.wav");
        WavWriter.writeAll(file, 8000, x);
        short[][] back = new short[2][10_007];
        try (WavReader reader = WavReader.open(file)) {
            int at = 0;
            int n;
            while ((n = reader.read(back, at, 333)) > 0) {
                at += n;
            }
            assertEquals(10_007, at);
        }
        assertArrayEquals(x[0], back[0]);
        assertArrayEquals(x[1], back[1]);
    }

    @Test
    void writerStreamsBlockByBlock() throws Exception {
        Path file = dir.resolve("stream.wav");
        short[] x = new SyntheticElectrode(4, 19531).samples(50_000);
        try (WavWriter writer = new WavWriter(file, 1, 19531)) {
            for (int at = 0; at < x.length; at += 7_000) {
                writer.write(new short[][] {x}, at, Math.min(7_000, x.length - at));
            }
        }
        assertArrayEquals(x, WavReader.readAll(file)[0]);
    }
}
