package org.neurocompress.container;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;
import org.neurocompress.frame.Checksum;
import org.neurocompress.frame.CodecId;
import org.neurocompress.frame.FrameFormatException;
import org.neurocompress.frame.FrameLimits;
import org.neurocompress.frame.VarInts;

/** Reads and writes the .ncf file header, version 1. */
public final class NcfFormat {
    static final byte[] MAGIC = {'N', 'C', 'F'};
    public static final int VERSION = 1;
    public static final int MAX_CHANNELS = 65535;
    private static final long MAX_SAMPLES_PER_CHANNEL = 1L << 40;

    private NcfFormat() {
    }

    public static void writeHeader(NcfHeader h, OutputStream out) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(MAGIC);
        body.write(VERSION);
        VarInts.write(h.channels(), body);
        VarInts.write(h.sampleRate(), body);
        VarInts.write(h.samplesPerChannel(), body);
        body.write(h.codec().code());
        body.write(h.level());
        body.write(h.fingerprint().length);
        body.write(h.fingerprint());
        VarInts.write(h.segmentLength(), body);
        VarInts.write(h.samplesPerFrame(), body);
        Checksum.append(body);
        out.write(body.toByteArray());
    }

    /**
     * The most samples one frame slot (every channel's frame for one stretch of time) may hold, in bytes: what an
     * encoder or decoder keeps in memory at once. A header asking for more is refused before anything is decoded;
     * an encoder puts fewer segments in a frame when a recording has that many channels.
     */
    public static final long MAX_SLOT_BYTES = 128L << 20;

    /** The samples per frame, a multiple of {@code segmentLength} and at most {@code preferred}, that fit a slot. */
    public static int samplesPerFrameFor(int channels, int segmentLength, int preferred) {
        long fit = MAX_SLOT_BYTES / (2L * channels) / segmentLength * segmentLength;
        return (int) Math.min(preferred, fit);
    }

    public static NcfHeader readHeader(InputStream stream, String name) throws IOException {
        CRC32C crc = new CRC32C();
        CheckedInputStream in = new CheckedInputStream(stream, crc);
        try {
            byte[] magic = in.readNBytes(4);
            if (magic.length == 0) {
                throw new FrameFormatException(name + ": empty file, not an .ncf file");
            }
            if (magic.length < 4 || magic[0] != MAGIC[0] || magic[1] != MAGIC[1] || magic[2] != MAGIC[2]) {
                throw new FrameFormatException(name + ": not an .ncf file (bad magic)");
            }
            if (magic[3] != VERSION) {
                throw new FrameFormatException(name + ": unsupported .ncf version " + (magic[3] & 0xFF)
                        + " (this reader knows " + VERSION + ")");
            }
            int channels = (int) VarInts.read(in, MAX_CHANNELS, "channels");
            int rate = (int) VarInts.read(in, FrameLimits.MAX_SAMPLE_RATE, "sample rate");
            long length = VarInts.read(in, MAX_SAMPLES_PER_CHANNEL, "samples per channel");
            CodecId codec = CodecId.ofCode(readByte(in));
            int level = readByte(in);
            int fingerprintLength = readByte(in);
            if (fingerprintLength > FrameLimits.MAX_FINGERPRINT_BYTES) {
                throw new FrameFormatException(name + ": fingerprint length " + fingerprintLength + " out of bounds");
            }
            byte[] fingerprint = in.readNBytes(fingerprintLength);
            if (fingerprint.length < fingerprintLength) {
                throw new EOFException();
            }
            int segmentLength = (int) VarInts.read(in, FrameLimits.MAX_SEGMENT_LENGTH, "segment length");
            int samplesPerFrame = (int) VarInts.read(in, FrameLimits.MAX_SAMPLE_COUNT, "samples per frame");
            int computed = (int) crc.getValue();
            int stored = readByte(in) | readByte(in) << 8 | readByte(in) << 16 | readByte(in) << 24;
            if (stored != computed) {
                throw new FrameFormatException(String.format(
                        "%s: header checksum mismatch: stored CRC-32C 0x%08x, bytes give 0x%08x", name, stored,
                        computed));
            }
            if (channels < 1 || rate < 1 || length < 1 || level < 1 || segmentLength < 1 || samplesPerFrame < 1) {
                throw new FrameFormatException(name + ": header holds a zero where a count must be positive");
            }
            long slotBytes = 2L * channels * samplesPerFrame;
            if (slotBytes > MAX_SLOT_BYTES) {
                throw new FrameFormatException(String.format("%s: one frame slot would decode to %d MiB (%d channels x "
                        + "%d samples), beyond the %d MiB a reader allows (docs/formats.md)", name, slotBytes >> 20,
                        channels, samplesPerFrame, MAX_SLOT_BYTES >> 20));
            }
            return new NcfHeader(channels, rate, length, codec, level, fingerprint, segmentLength, samplesPerFrame);
        } catch (EOFException e) {
            throw new FrameFormatException(name + ": truncated .ncf header");
        } catch (FrameFormatException e) {
            if (e.getMessage().startsWith(name)) {
                throw e;
            }
            throw new FrameFormatException(name + ": " + e.getMessage());
        }
    }

    private static int readByte(InputStream in) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException();
        }
        return b;
    }
}
