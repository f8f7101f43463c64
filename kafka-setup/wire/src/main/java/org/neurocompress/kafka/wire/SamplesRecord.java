package org.neurocompress.kafka.wire;

/**
 * A chunk of electrode samples as hardware sends them: {@code samplesPerChannel} consecutive samples of
 * {@code channelCount} consecutive channels starting at {@code firstChannel}, interleaved by time (all channels of
 * the first instant, then of the next). One channel, or a whole implant packet. Layout: docs/formats.md.
 */
public record SamplesRecord(long deviceId, int firstChannel, int channelCount, long firstSampleIndex,
        int sampleRate, int samplesPerChannel, short[] interleaved) {

    public SamplesRecord {
        if (interleaved.length != channelCount * samplesPerChannel) {
            throw new IllegalArgumentException(interleaved.length + " samples for " + channelCount + " channels x "
                    + samplesPerChannel);
        }
    }

    public short sample(int channelOffset, int instant) {
        return interleaved[instant * channelCount + channelOffset];
    }

    /** The samples of one channel of this record, {@code channelOffset} counted from {@code firstChannel}. */
    public short[] channel(int channelOffset) {
        short[] out = new short[samplesPerChannel];
        for (int t = 0; t < samplesPerChannel; t++) {
            out[t] = interleaved[t * channelCount + channelOffset];
        }
        return out;
    }

    /**
     * Every channel's samples, de-interleaved in tiles of 16 instants: a channel at a time over the whole record
     * reads one cache line per sample when the record holds many channels. Not more than 16: rows of 1024 channels
     * are 2 KB apart, so a tile's rows share two sets of a 32 KB 8-way L1 cache, and 64 of them evicted each other
     * (2.2 ns a sample at 64, 1.1-1.6 at 16, 1024 channels × 256 instants; a scratch harness).
     */
    public short[][] channels() {
        short[][] out = new short[channelCount][samplesPerChannel];
        final int tile = 16;
        for (int t0 = 0; t0 < samplesPerChannel; t0 += tile) {
            int t1 = Math.min(samplesPerChannel, t0 + tile);
            for (int c = 0; c < channelCount; c++) {
                short[] channel = out[c];
                for (int t = t0, at = t0 * channelCount + c; t < t1; t++, at += channelCount) {
                    channel[t] = interleaved[at];
                }
            }
        }
        return out;
    }

    public long sampleCount() {
        return (long) channelCount * samplesPerChannel;
    }
}
