package org.neurocompress.kafka.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ReplayOptionsTest {
    /** The bytes a replay announces are those of the packets it builds, short last packets and records included. */
    @Test
    void recordBytesAreThoseOfThePacketsSent() {
        ReplaySource source = ReplaySource.synthetic(3, 0.05, 1);
        int rate = source.sampleRate();
        for (ReplayOptions options : new ReplayOptions[] {
                new ReplayOptions(7, 0.1, false, 256, 3, 0), new ReplayOptions(4, 0.02, false, 100, 4, 0),
                new ReplayOptions(1, 1.0 / rate, false, 64, 1, 0)}) {
            long perChannel = Math.round(options.seconds() * rate);
            long sent = 0;
            for (long t = 0; t < perChannel; t += options.packetSamples()) {
                int k = (int) Math.min(options.packetSamples(), perChannel - t);
                for (int first = 0; first < options.channels(); first += options.channelsPerRecord()) {
                    int n = Math.min(options.channelsPerRecord(), options.channels() - first);
                    sent += Replayer.packet(source, 0, first, n, t, rate, k).length;
                }
            }
            assertEquals(sent, options.recordBytes(rate), options.toString());
        }
    }
}
