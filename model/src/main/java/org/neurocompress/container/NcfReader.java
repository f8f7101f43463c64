package org.neurocompress.container;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.neurocompress.frame.Frame;
import org.neurocompress.frame.FrameFormatException;
import org.neurocompress.frame.FrameReader;

/**
 * Reads an .ncf file frame by frame, checking that each frame is the one its place in the file calls for: channel,
 * first sample, length, codec, level, model and sample rate as the header says.
 */
public final class NcfReader implements Closeable {
    private final InputStream in;
    private final String name;
    private final NcfHeader header;
    private long index;

    private NcfReader(InputStream in, String name, NcfHeader header) {
        this.in = in;
        this.name = name;
        this.header = header;
    }

    public static NcfReader open(Path path) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
        try {
            return new NcfReader(in, path.toString(), NcfFormat.readHeader(in, path.toString()));
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    public NcfHeader header() {
        return header;
    }

    /** The next frame, or null after the last one the header announces. */
    public Frame next() throws IOException {
        if (index == header.frames()) {
            if (in.read() >= 0) {
                throw new FrameFormatException(name + ": unexpected bytes after the last of " + header.frames()
                        + " frames");
            }
            return null;
        }
        long slot = index / header.channels();
        int channel = (int) (index % header.channels());
        Frame frame;
        try {
            frame = FrameReader.read(in);
        } catch (FrameFormatException e) {
            throw new FrameFormatException(name + ": frame " + index + ": " + e.getMessage());
        }
        if (frame == null) {
            throw new FrameFormatException(name + ": truncated: the file ends after " + index + " of "
                    + header.frames() + " frames");
        }
        check(frame, channel, header.slotStart(slot), header.slotLength(slot));
        index++;
        return frame;
    }

    private void check(Frame f, int channel, long first, int length) throws FrameFormatException {
        String where = name + ": frame " + index + ": ";
        if (f.channel() != channel || f.firstSampleIndex() != first || f.sampleCount() != length) {
            throw new FrameFormatException(where + "holds channel " + f.channel() + " samples " + f.firstSampleIndex()
                    + ".." + f.endSampleIndex() + " where the file calls for channel " + channel + " samples " + first
                    + ".." + (first + length));
        }
        if (f.codec() != header.codec() || f.level() != header.level()
                || !Arrays.equals(f.fingerprint(), header.fingerprint()) || f.sampleRate() != header.sampleRate()
                || f.segmentLength() != header.segmentLength()) {
            throw new FrameFormatException(where + "codec, level, model, sample rate or segment length differs "
                    + "from the file header's");
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
