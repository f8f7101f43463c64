package org.neurocompress.frame;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;

/**
 * Parses frames in format v1, checking every field against {@link FrameLimits} before it is used and the CRC-32C
 * before the frame is returned.
 */
public final class FrameReader {
    private FrameReader() {
    }

    /** Parses a buffer that must hold exactly one frame (a Kafka record value). */
    public static Frame parse(byte[] bytes) throws FrameFormatException {
        ByteArrayInputStream in = new ByteArrayInputStream(bytes);
        Frame frame;
        try {
            frame = read(in);
        } catch (FrameFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new FrameFormatException("unreadable frame: " + e.getMessage());
        }
        if (frame == null) {
            throw new FrameFormatException("empty frame: 0 bytes");
        }
        if (in.available() > 0) {
            throw new FrameFormatException(in.available() + " unexpected bytes after the frame's checksum");
        }
        return frame;
    }

    /**
     * Reads the next frame of a stream.
     *
     * @return the frame, or null if the stream ends cleanly before its first byte
     */
    public static Frame read(InputStream stream) throws IOException {
        CRC32C crc = new CRC32C();
        CheckedInputStream in = new CheckedInputStream(stream, crc);
        int m0 = in.read();
        if (m0 < 0) {
            return null;
        }
        try {
            int m1 = readByte(in, "magic");
            if (m0 != FrameFormat.MAGIC_0 || m1 != FrameFormat.MAGIC_1) {
                throw new FrameFormatException(String.format(
                        "bad magic 0x%02x%02x (expected 0x%02x%02x 'NF'): not a neurocompress frame", m0, m1,
                        FrameFormat.MAGIC_0, FrameFormat.MAGIC_1));
            }
            int version = readByte(in, "version");
            if (version != FrameFormat.VERSION) {
                throw new FrameFormatException("unsupported frame version " + version + " (this reader knows "
                        + FrameFormat.VERSION + ")");
            }
            CodecId codec = CodecId.ofCode(readByte(in, "codec id"));
            int level = readByte(in, "level");
            if (level < 1) {
                throw new FrameFormatException("level 0 is out of bounds [1, " + FrameLimits.MAX_LEVEL + "]");
            }
            int fingerprintLength = readByte(in, "fingerprint length");
            if (fingerprintLength > FrameLimits.MAX_FINGERPRINT_BYTES) {
                throw new FrameFormatException("fingerprint length " + fingerprintLength + " is out of bounds (at most "
                        + FrameLimits.MAX_FINGERPRINT_BYTES + ")");
            }
            byte[] fingerprint = readBytes(in, fingerprintLength, "fingerprint");
            int channel = (int) VarInts.read(in, FrameLimits.MAX_CHANNEL, "channel");
            long first = VarInts.read(in, FrameLimits.MAX_SAMPLE_INDEX, "first sample index");
            int rate = (int) atLeastOne(VarInts.read(in, FrameLimits.MAX_SAMPLE_RATE, "sample rate"), "sample rate");
            int segmentLength = (int) atLeastOne(
                    VarInts.read(in, FrameLimits.MAX_SEGMENT_LENGTH, "segment length"), "segment length");
            int count = (int) atLeastOne(VarInts.read(in, FrameLimits.MAX_SAMPLE_COUNT, "sample count"),
                    "sample count");
            int payloadLength = (int) VarInts.read(in, FrameLimits.maxPayloadBytes(count), "payload length");
            byte[] payload = readBytes(in, payloadLength, "payload");
            int computed = (int) crc.getValue();
            int stored = readByte(in, "checksum") | readByte(in, "checksum") << 8 | readByte(in, "checksum") << 16
                    | readByte(in, "checksum") << 24;
            if (stored != computed) {
                throw new FrameFormatException(String.format(
                        "checksum mismatch: the frame says CRC-32C 0x%08x, its bytes give 0x%08x", stored, computed));
            }
            return new Frame(codec, level, fingerprint, channel, first, rate, segmentLength, count, payload);
        } catch (EOFException e) {
            throw new FrameFormatException("truncated frame: " + e.getMessage());
        }
    }

    private static long atLeastOne(long value, String field) throws FrameFormatException {
        if (value < 1) {
            throw new FrameFormatException(field + " 0 is out of bounds (at least 1)");
        }
        return value;
    }

    private static int readByte(InputStream in, String field) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("ends inside " + field);
        }
        return b;
    }

    private static byte[] readBytes(InputStream in, int length, String field) throws IOException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
            throw new EOFException("ends inside " + field + " (" + bytes.length + " of " + length + " bytes)");
        }
        return bytes;
    }
}
