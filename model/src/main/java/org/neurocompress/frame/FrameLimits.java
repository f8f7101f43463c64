package org.neurocompress.frame;

/**
 * The bounds every frame field must respect. Readers check them before allocating anything, so a corrupt length
 * can never make them allocate more than a valid frame could need.
 */
public final class FrameLimits {
    public static final int MAX_LEVEL = 255;
    public static final int MAX_FINGERPRINT_BYTES = 32;
    public static final int MAX_CHANNEL = (1 << 24) - 1;
    public static final long MAX_SAMPLE_INDEX = (1L << 53) - 1;
    public static final int MAX_SAMPLE_RATE = 1_000_000;
    public static final int MAX_SEGMENT_LENGTH = 1 << 16;
    public static final int MAX_SAMPLE_COUNT = 1 << 20;

    private FrameLimits() {
    }

    /** The largest payload any codec may produce for {@code sampleCount} samples: raw, plus a little slack. */
    public static int maxPayloadBytes(int sampleCount) {
        return 2 * sampleCount + 64;
    }

    static void check(int level, int fingerprintBytes, int channel, long firstSampleIndex, int sampleRate,
            int segmentLength, int sampleCount, int payloadBytes) {
        checkRange("level", level, 1, MAX_LEVEL);
        checkRange("fingerprint length", fingerprintBytes, 0, MAX_FINGERPRINT_BYTES);
        checkRange("channel", channel, 0, MAX_CHANNEL);
        checkRange("first sample index", firstSampleIndex, 0, MAX_SAMPLE_INDEX);
        checkRange("sample rate", sampleRate, 1, MAX_SAMPLE_RATE);
        checkRange("segment length", segmentLength, 1, MAX_SEGMENT_LENGTH);
        checkRange("sample count", sampleCount, 1, MAX_SAMPLE_COUNT);
        checkRange("payload length", payloadBytes, 0, maxPayloadBytes(sampleCount));
    }

    private static void checkRange(String field, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(field + " " + value + " is out of bounds [" + min + ", " + max + "]");
        }
    }
}
