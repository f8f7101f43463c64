package org.neurocompress.container;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.neurocompress.frame.Frame;
import org.neurocompress.frame.FrameWriter;

/** Writes an .ncf file: the header, then frames in slot and channel order. */
public final class NcfWriter implements Closeable {
    private final OutputStream out;
    private long frameBytes;

    public NcfWriter(Path path, NcfHeader header) throws IOException {
        this.out = new BufferedOutputStream(Files.newOutputStream(path), 1 << 16);
        NcfFormat.writeHeader(header, out);
    }

    public void write(Frame frame) throws IOException {
        byte[] bytes = FrameWriter.toBytes(frame);
        out.write(bytes);
        frameBytes += bytes.length;
    }

    /** Bytes of all frames written so far, headers and checksums included: what the compression ratio counts. */
    public long frameBytes() {
        return frameBytes;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
