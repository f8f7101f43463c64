package org.neurocompress.kafka.replay;

/**
 * How to replay: {@code channels} channels for {@code seconds}, in records of {@code packetSamples} samples of
 * {@code channelsPerRecord} channels, at real-time pace or as fast as the broker takes them.
 */
public record ReplayOptions(int channels, double seconds, boolean realTime, int packetSamples,
        int channelsPerRecord, long deviceId) {

    public ReplayOptions {
        if (channels < 1) {
            throw new IllegalArgumentException("channels must be at least 1, got " + channels);
        }
        if (!(seconds > 0)) {
            throw new IllegalArgumentException("duration must be positive, got " + seconds);
        }
        if (packetSamples < 1 || packetSamples > 65536) {
            throw new IllegalArgumentException("packet samples must be in [1, 65536], got " + packetSamples);
        }
        if (channelsPerRecord < 1 || channelsPerRecord > 65535) {
            throw new IllegalArgumentException("channels per record must be in [1, 65535], got " + channelsPerRecord);
        }
    }
}
