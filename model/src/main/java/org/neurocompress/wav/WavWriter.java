package org.neurocompress.wav;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes a 16-bit PCM WAV file a block at a time. The RIFF and data sizes are patched in on {@link #close()}, so
 * the length need not be known in advance.
 */
public final class WavWriter implements Closeable {
    private static final int HEADER_BYTES = 44;
    private static final long MAX_DATA_BYTES = 0xFFFFFFFFL - (HEADER_BYTES - 8);

    private final FileChannel out;
    private final int channels;
    private final int sampleRate;
    private final ByteBuffer buffer;
    private long dataBytes;

    public WavWriter(Path path, int channels, int sampleRate) throws IOException {
        new WavFormat(channels, sampleRate, 0); // validates
        this.channels = channels;
        this.sampleRate = sampleRate;
        this.out = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        this.buffer = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        writeHeader();
    }

    /** Writes one recording held fully in memory: for tests and short recordings. */
    public static void writeAll(Path path, int sampleRate, short[]... channels) throws IOException {
        try (org.neurocompress.io.AtomicFile output = org.neurocompress.io.AtomicFile.create(path);
                WavWriter writer = new WavWriter(output.temporary(), channels.length, sampleRate)) {
            writer.write(channels, 0, channels[0].length);
            writer.close();
            output.commit();
        }
    }

    /** Appends {@code count} sample frames taken from {@code samples[c][offset..]}. */
    public void write(short[][] samples, int offset, int count) throws IOException {
        if (samples.length < channels) {
            throw new IllegalArgumentException("need " + channels + " channel buffers, got " + samples.length);
        }
        long newBytes = dataBytes + (long) count * channels * 2;
        if (newBytes > MAX_DATA_BYTES) {
            throw new IOException("a WAV file holds at most 4 GiB of samples");
        }
        for (int f = 0; f < count; f++) {
            if (buffer.remaining() < channels * 2) {
                flush();
            }
            for (int c = 0; c < channels; c++) {
                buffer.putShort(samples[c][offset + f]);
            }
        }
        dataBytes = newBytes;
    }

    private void flush() throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
        buffer.clear();
    }

    private void writeHeader() throws IOException {
        ByteBuffer h = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        h.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        h.putInt((int) (HEADER_BYTES - 8 + dataBytes));
        h.put("WAVEfmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        h.putInt(16);
        h.putShort((short) 1);
        h.putShort((short) channels);
        h.putInt(sampleRate);
        h.putInt(sampleRate * channels * 2);
        h.putShort((short) (channels * 2));
        h.putShort((short) 16);
        h.put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        h.putInt((int) dataBytes);
        h.flip();
        out.write(h, 0);
        out.position(HEADER_BYTES + dataBytes - buffer.position());
    }

    /** Patches the sizes in and closes the file; closing again does nothing. */
    @Override
    public void close() throws IOException {
        if (!out.isOpen()) {
            return;
        }
        try {
            flush();
            writeHeader();
        } finally {
            out.close();
        }
    }
}
