package org.neurocompress.frame;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/** Serialises frames in format v1. */
public final class FrameWriter {
    private FrameWriter() {
    }

    public static byte[] toBytes(Frame frame) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(headerSize(frame) + frame.payload().length + 4);
        try {
            writeBody(frame, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Checksum.append(out);
        return out.toByteArray();
    }

    public static void write(Frame frame, OutputStream out) throws IOException {
        out.write(toBytes(frame));
    }

    /** Bytes a frame takes besides its payload: header and checksum. */
    public static int overhead(Frame frame) {
        return headerSize(frame) + FrameFormat.CHECKSUM_BYTES;
    }

    /** The overhead of a frame with these fields, before its payload is known. */
    public static int overhead(int fingerprintBytes, int channel, long firstSampleIndex, int sampleRate,
            int segmentLength, int sampleCount, int payloadBytes) {
        return 6 + fingerprintBytes + VarInts.size(channel) + VarInts.size(firstSampleIndex)
                + VarInts.size(sampleRate) + VarInts.size(segmentLength) + VarInts.size(sampleCount)
                + VarInts.size(payloadBytes) + FrameFormat.CHECKSUM_BYTES;
    }

    private static int headerSize(Frame f) {
        return overhead(f.fingerprint().length, f.channel(), f.firstSampleIndex(), f.sampleRate(),
                f.segmentLength(), f.sampleCount(), f.payload().length) - FrameFormat.CHECKSUM_BYTES;
    }

    private static void writeBody(Frame f, OutputStream out) throws IOException {
        out.write(FrameFormat.MAGIC_0);
        out.write(FrameFormat.MAGIC_1);
        out.write(FrameFormat.VERSION);
        out.write(f.codec().code());
        out.write(f.level());
        out.write(f.fingerprint().length);
        out.write(f.fingerprint());
        VarInts.write(f.channel(), out);
        VarInts.write(f.firstSampleIndex(), out);
        VarInts.write(f.sampleRate(), out);
        VarInts.write(f.segmentLength(), out);
        VarInts.write(f.sampleCount(), out);
        VarInts.write(f.payload().length, out);
        out.write(f.payload());
    }
}
