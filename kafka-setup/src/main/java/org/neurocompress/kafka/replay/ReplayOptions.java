package org.neurocompress.kafka.replay;

import org.neurocompress.kafka.wire.SamplesRecordFormat;

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

    /** The bytes of the record values this replay sends of a source sampled at {@code rate} Hz. */
    public long recordBytes(int rate) {
        long perChannel = Math.round(seconds * rate);
        long packets = (perChannel + packetSamples - 1) / packetSamples;
        long records = packets * ((channels + channelsPerRecord - 1) / channelsPerRecord);
        return records * SamplesRecordFormat.HEADER_BYTES + 2 * perChannel * channels;
    }
}
