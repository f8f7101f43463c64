package org.neurocompress.wav;

/**
 * What a 16-bit PCM WAV file holds: channels interleaved by time, {@code frames} samples per channel.
 */
public record WavFormat(int channels, int sampleRate, long frames) {
    public static final int BITS_PER_SAMPLE = 16;
    public static final int BYTES_PER_SAMPLE = 2;

    public WavFormat {
        if (channels < 1 || channels > 65535) {
            throw new IllegalArgumentException("channels must be in [1, 65535], got " + channels);
        }
        if (sampleRate < 1) {
            throw new IllegalArgumentException("sample rate must be positive, got " + sampleRate);
        }
        if (frames < 0) {
            throw new IllegalArgumentException("frames must not be negative, got " + frames);
        }
    }

    public int blockAlign() {
        return channels * BYTES_PER_SAMPLE;
    }

    public long dataBytes() {
        return frames * blockAlign();
    }

    public double seconds() {
        return (double) frames / sampleRate;
    }
}
