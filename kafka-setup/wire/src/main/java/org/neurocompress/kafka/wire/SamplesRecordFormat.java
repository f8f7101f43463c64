package org.neurocompress.kafka.wire;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Samples record value, version 1 (docs/formats.md): a fixed 32-byte header, then int16 samples. */
public final class SamplesRecordFormat {
    public static final int HEADER_BYTES = 32;
    public static final int VERSION = 1;
    public static final int MAX_CHANNELS = 65535;
    public static final int MAX_SAMPLES_PER_CHANNEL = 1 << 20;
    public static final int MAX_RECORD_SAMPLES = 1 << 23;
    public static final int MAX_SAMPLE_RATE = 1_000_000;
    private static final byte MAGIC_0 = 'N';
    private static final byte MAGIC_1 = 'S';

    private SamplesRecordFormat() {
    }

    public static byte[] toBytes(SamplesRecord r) {
        ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES + 2 * r.interleaved().length).order(ByteOrder.LITTLE_ENDIAN);
        writeHeader(b, r.deviceId(), r.firstChannel(), r.channelCount(), r.firstSampleIndex(), r.sampleRate(),
                r.samplesPerChannel());
        for (short s : r.interleaved()) {
            b.putShort(s);
        }
        return b.array();
    }

    /** Writes the 32-byte header into a little-endian buffer; the samples follow. */
    public static void writeHeader(ByteBuffer b, long deviceId, int firstChannel, int channelCount,
            long firstSampleIndex, int sampleRate, int samplesPerChannel) {
        b.put(MAGIC_0).put(MAGIC_1).put((byte) VERSION).put((byte) 0);
        b.putInt((int) deviceId);
        b.putInt(firstChannel);
        b.putShort((short) channelCount);
        b.putShort((short) 0);
        b.putLong(firstSampleIndex);
        b.putInt(sampleRate);
        b.putInt(samplesPerChannel);
    }

    /** Parses and checks a record value; the exception's message is the reason it is rejected. */
    public static SamplesRecord parse(byte[] bytes) throws MalformedRecordException {
        if (bytes == null) {
            throw new MalformedRecordException("null record value");
        }
        if (bytes.length < HEADER_BYTES) {
            throw new MalformedRecordException("too short: " + bytes.length + " bytes, a samples record header takes "
                    + HEADER_BYTES);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (b.get() != MAGIC_0 | b.get() != MAGIC_1) {
            throw new MalformedRecordException("bad magic '" + new String(bytes, 0, 2, StandardCharsets.ISO_8859_1)
                    .replaceAll("[^\\x20-\\x7e]", "?") + "' (expected 'NS'): not a samples record");
        }
        int version = b.get() & 0xFF;
        if (version != VERSION) {
            throw new MalformedRecordException("unsupported samples record version " + version + " (this reader knows "
                    + VERSION + ")");
        }
        b.get();
        long device = b.getInt() & 0xFFFFFFFFL;
        int firstChannel = b.getInt();
        int channels = b.getShort() & 0xFFFF;
        b.getShort();
        long first = b.getLong();
        int rate = b.getInt();
        int perChannel = b.getInt();
        check(firstChannel >= 0, "first channel " + firstChannel + " is negative");
        check(channels >= 1, "channel count 0");
        check(first >= 0, "first sample index " + first + " is negative");
        check(rate >= 1 && rate <= MAX_SAMPLE_RATE, "sample rate " + rate + " is out of bounds [1, "
                + MAX_SAMPLE_RATE + "]");
        check(perChannel >= 1 && perChannel <= MAX_SAMPLES_PER_CHANNEL, "samples per channel " + perChannel
                + " is out of bounds [1, " + MAX_SAMPLES_PER_CHANNEL + "]");
        long samples = (long) channels * perChannel;
        check(samples <= MAX_RECORD_SAMPLES, channels + " channels x " + perChannel + " samples exceed the "
                + MAX_RECORD_SAMPLES + " samples a record may carry");
        long expected = HEADER_BYTES + 2 * samples;
        check(bytes.length == expected, "sample count does not match size: " + channels + " channels x "
                + perChannel + " samples need " + expected + " bytes, the record has " + bytes.length);
        short[] interleaved = new short[(int) samples];
        b.asShortBuffer().get(interleaved);
        return new SamplesRecord(device, firstChannel, channels, first, rate, perChannel, interleaved);
    }

    private static void check(boolean ok, String reason) throws MalformedRecordException {
        if (!ok) {
            throw new MalformedRecordException(reason);
        }
    }
}
