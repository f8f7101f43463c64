package org.neurocompress.kafka.replay;

/** What a replay sent. */
public record ReplaySummary(long samples, double seconds, double samplesPerSecond, long records, long bytes,
        int channels, double signalSeconds) {
}
