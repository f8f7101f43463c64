package org.neurocompress.wav;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Parses a RIFF/WAVE header up to the start of the sample data, checking every field it relies on.
 * Chunks other than {@code fmt } and {@code data} are skipped.
 */
final class WavHeader {
    private static final int FORMAT_PCM = 1;
    private static final int FORMAT_IEEE_FLOAT = 3;
    private static final int FORMAT_ALAW = 6;
    private static final int FORMAT_MULAW = 7;
    private static final int FORMAT_EXTENSIBLE = 0xFFFE;
    private static final long MAX_SKIPPED_CHUNK = 1L << 30;

    private WavHeader() {
    }

    /** The parsed format and the byte offset at which the samples begin. */
    record Parsed(WavFormat format, long dataOffset) {
    }

    /**
     * @param fileSize the size of the whole file, to detect a data chunk that declares more than it holds
     */
    static Parsed parse(InputStream raw, long fileSize, String name) throws IOException {
        DataInputStream in = new DataInputStream(raw);
        long position = 0;
        try {
            if (fileSize == 0) {
                throw new WavFormatException(name + ": empty file, not a WAV file");
            }
            String riff = fourCc(in);
            if (!riff.equals("RIFF")) {
                throw new WavFormatException(name + ": not a WAV file (starts with '" + printable(riff)
                        + "', expected 'RIFF')");
            }
            readLe32(in);
            String wave = fourCc(in);
            if (!wave.equals("WAVE")) {
                throw new WavFormatException(name + ": RIFF file of type '" + printable(wave)
                        + "', expected 'WAVE'");
            }
            position = 12;
            int channels = -1;
            int sampleRate = -1;
            while (true) {
                String id = fourCc(in);
                long size = readLe32(in) & 0xFFFFFFFFL;
                position += 8;
                if (id.equals("fmt ")) {
                    if (size < 16) {
                        throw new WavFormatException(name + ": 'fmt ' chunk of " + size + " bytes, need at least 16");
                    }
                    int formatTag = readLe16(in);
                    channels = readLe16(in);
                    sampleRate = readLe32(in);
                    readLe32(in); // byte rate: derived, checked through block align
                    int blockAlign = readLe16(in);
                    int bits = readLe16(in);
                    long consumed = 16;
                    if (formatTag == FORMAT_EXTENSIBLE && size >= 40) {
                        readLe16(in); // cbSize
                        readLe16(in); // valid bits per sample
                        readLe32(in); // channel mask
                        formatTag = readLe16(in); // first two bytes of the sub-format GUID
                        consumed += 10;
                    }
                    checkFormat(name, formatTag, channels, sampleRate, blockAlign, bits);
                    skipFully(in, pad(size) - consumed, name);
                    position += pad(size);
                } else if (id.equals("data")) {
                    if (channels < 0) {
                        throw new WavFormatException(name + ": 'data' chunk before any 'fmt ' chunk");
                    }
                    long available = fileSize - position;
                    if (size > available) {
                        throw new WavFormatException(name + ": truncated: the data chunk declares " + size
                                + " bytes but the file holds only " + available);
                    }
                    int blockAlign = channels * WavFormat.BYTES_PER_SAMPLE;
                    if (size % blockAlign != 0) {
                        throw new WavFormatException(name + ": data chunk of " + size
                                + " bytes is not a whole number of " + blockAlign + "-byte sample frames");
                    }
                    if (size == 0) {
                        throw new WavFormatException(name + ": the data chunk holds no samples");
                    }
                    return new Parsed(new WavFormat(channels, sampleRate, size / blockAlign), position);
                } else {
                    if (pad(size) > MAX_SKIPPED_CHUNK || position + pad(size) > fileSize) {
                        throw new WavFormatException(name + ": broken header: chunk '" + printable(id) + "' declares "
                                + size + " bytes, more than the file holds");
                    }
                    skipFully(in, pad(size), name);
                    position += pad(size);
                }
            }
        } catch (EOFException e) {
            throw new WavFormatException(name + ": truncated header: the file ends before a 'data' chunk");
        }
    }

    private static void checkFormat(String name, int formatTag, int channels, int sampleRate, int blockAlign,
            int bits) throws WavFormatException {
        switch (formatTag) {
            case FORMAT_PCM:
                break;
            case FORMAT_IEEE_FLOAT:
                throw new WavFormatException(name + ": " + bits + "-bit floating-point samples are not supported: "
                        + "convert to 16-bit PCM");
            case FORMAT_ALAW:
            case FORMAT_MULAW:
                throw new WavFormatException(name + ": A-law/mu-law encoded samples are not supported: "
                        + "convert to 16-bit PCM");
            default:
                throw new WavFormatException(name + ": unsupported WAV encoding (format tag 0x"
                        + Integer.toHexString(formatTag) + "): only 16-bit PCM is read");
        }
        if (bits != WavFormat.BITS_PER_SAMPLE) {
            throw new WavFormatException(name + ": " + bits + "-bit PCM is not supported: convert to 16-bit PCM");
        }
        if (channels < 1) {
            throw new WavFormatException(name + ": broken header: " + channels + " channels");
        }
        if (sampleRate <= 0) {
            throw new WavFormatException(name + ": broken header: sample rate " + (sampleRate & 0xFFFFFFFFL));
        }
        if (blockAlign != channels * WavFormat.BYTES_PER_SAMPLE) {
            throw new WavFormatException(name + ": broken header: block align " + blockAlign + " for " + channels
                    + " channels of 16-bit samples (expected " + channels * WavFormat.BYTES_PER_SAMPLE + ")");
        }
    }

    private static long pad(long size) {
        return size + (size & 1);
    }

    private static void skipFully(DataInputStream in, long n, String name) throws IOException {
        long left = n;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new WavFormatException(name + ": truncated header: the file ends inside a chunk");
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }

    private static String fourCc(DataInputStream in) throws IOException {
        byte[] b = new byte[4];
        in.readFully(b);
        return new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static String printable(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            out.append(c >= 32 && c < 127 ? String.valueOf(c) : String.format("\\x%02x", (int) c));
        }
        return out.toString();
    }

    private static int readLe16(DataInputStream in) throws IOException {
        int lo = in.readUnsignedByte();
        int hi = in.readUnsignedByte();
        return lo | hi << 8;
    }

    private static int readLe32(DataInputStream in) throws IOException {
        int b0 = in.readUnsignedByte();
        int b1 = in.readUnsignedByte();
        int b2 = in.readUnsignedByte();
        int b3 = in.readUnsignedByte();
        return b0 | b1 << 8 | b2 << 16 | b3 << 24;
    }
}
