package org.neurocompress.wav;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Streams the samples of a 16-bit PCM WAV file, channel by channel, a block at a time, so that a recording of any
 * length can be read in bounded memory.
 */
public final class WavReader implements Closeable {
    private static final int IO_BUFFER = 1 << 16;

    private final InputStream in;
    private final WavFormat format;
    private final String name;
    private final byte[] buffer;
    private long framesRead;

    private WavReader(InputStream in, WavFormat format, String name) {
        this.in = in;
        this.format = format;
        this.name = name;
        this.buffer = new byte[IO_BUFFER - IO_BUFFER % format.blockAlign()];
    }

    public static WavReader open(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new java.nio.file.NoSuchFileException(path.toString(), null, "no such file");
        }
        long size = Files.size(path);
        InputStream in = new BufferedInputStream(Files.newInputStream(path), IO_BUFFER);
        try {
            WavHeader.Parsed parsed = WavHeader.parse(in, size, path.toString());
            return new WavReader(in, parsed.format(), path.toString());
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** Reads a whole file into memory: for tests and short recordings only. */
    public static short[][] readAll(Path path) throws IOException {
        try (WavReader reader = open(path)) {
            long frames = reader.format().frames();
            if (frames > Integer.MAX_VALUE) {
                throw new WavFormatException(path + ": " + frames + " samples per channel do not fit in memory");
            }
            short[][] out = new short[reader.format().channels()][(int) frames];
            reader.read(out, 0, (int) frames);
            return out;
        }
    }

    public WavFormat format() {
        return format;
    }

    public long framesLeft() {
        return format.frames() - framesRead;
    }

    /**
     * Reads up to {@code count} sample frames into {@code channels[c][offset..]}, one array per channel.
     *
     * @return the number of frames read: {@code count} unless the data ends first; 0 at the end
     */
    public int read(short[][] channels, int offset, int count) throws IOException {
        int nch = format.channels();
        if (channels.length < nch) {
            throw new IllegalArgumentException("need " + nch + " channel buffers, got " + channels.length);
        }
        int wanted = (int) Math.min(count, framesLeft());
        int done = 0;
        int frameBytes = format.blockAlign();
        while (done < wanted) {
            int frames = Math.min(wanted - done, buffer.length / frameBytes);
            int bytes = frames * frameBytes;
            int got = in.readNBytes(buffer, 0, bytes);
            if (got < bytes) {
                throw new WavFormatException(name + ": truncated: the file ends after " + (framesRead + done
                        + got / frameBytes) + " of the " + format.frames() + " sample frames its header declares");
            }
            int p = 0;
            for (int f = 0; f < frames; f++) {
                int at = offset + done + f;
                for (int c = 0; c < nch; c++) {
                    channels[c][at] = (short) (buffer[p] & 0xFF | buffer[p + 1] << 8);
                    p += 2;
                }
            }
            done += frames;
        }
        framesRead += done;
        return done;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
