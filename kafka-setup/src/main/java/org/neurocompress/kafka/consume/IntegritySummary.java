package org.neurocompress.kafka.consume;

import java.util.List;

/** What a consume run received, and everything it had to refuse or repair. */
public record IntegritySummary(long frames, long samples, int channels, long gaps, long gapSamples, long duplicates,
        long checksumFailures, long malformed, long undecodable, List<Channel> perChannel) {

    /** One channel's file and counts. */
    public record Channel(int channel, String file, int sampleRate, long firstSampleIndex, long frames, long samples,
            long gaps, long gapSamples, long duplicates) {
    }
}
