package org.neurocompress.kafka.consume;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurocompress.wav.WavReader;
import org.neurocompress.wav.WavWriter;

/** A channel's WAV file appears whole when the consumer stops; until then an earlier file of that name stays. */
class ChannelSinkTest {
    @TempDir
    Path dir;

    @Test
    void theFileIsReplacedOnlyWhenTheSinkCloses() throws Exception {
        Path file = dir.resolve("channel-00003.wav");
        short[] earlier = {1, 2, 3};
        WavWriter.writeAll(file, 19531, earlier);
        byte[] before = Files.readAllBytes(file);

        ChannelSink sink = new ChannelSink(3, file, 19531, 100);
        sink.write(100, new short[] {7, 8});
        sink.write(104, new short[] {9});
        // A crash here (no close) leaves the earlier file as it was, and the new one only as a hidden partial.
        assertArrayEquals(before, Files.readAllBytes(file));
        assertEquals(1, partials());

        sink.close();
        assertArrayEquals(new short[] {7, 8, 0, 0, 9}, WavReader.readAll(file)[0], "gap zero-filled");
        assertEquals(0, partials());
    }

    private long partials() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".partial")).count();
        }
    }
}
