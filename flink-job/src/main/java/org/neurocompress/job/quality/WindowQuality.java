package org.neurocompress.job.quality;

import java.util.Arrays;
import org.neurocompress.metrics.QualitySums;
import org.neurocompress.metrics.StreamingSpikeFidelity;

/**
 * The quality events of one window, merged: sums, counts, and a bounded sample of latencies for percentiles. A
 * Flink POJO (public fields, no-argument constructor) so window state is serialised without Kryo.
 */
public final class WindowQuality {
    static final int MAX_LATENCIES = 4096;

    public QualitySums quality = QualitySums.NONE;
    public StreamingSpikeFidelity.Counts spikes = StreamingSpikeFidelity.Counts.NONE;
    public long bytes;
    public long frames;
    public long deadLetters;
    /** The first {@code latencyCount} entries are used; at most {@link #MAX_LATENCIES}. */
    public long[] latencies = new long[0];
    public int latencyCount;
    public String codec;
    public int level;
    public String model;

    public WindowQuality() {
    }

    void add(QualityEvent e) {
        if (e.quality() != null) {
            quality = quality.plus(e.quality());
            addLatency(e.latencyMillis());
            codec = e.codec();
            level = e.level();
            model = e.model();
        }
        spikes = spikes.plus(e.spikes());
        bytes += e.bytes();
        frames += e.frames();
        deadLetters += e.deadLetters();
    }

    WindowQuality merge(WindowQuality other) {
        quality = quality.plus(other.quality);
        spikes = spikes.plus(other.spikes);
        bytes += other.bytes;
        frames += other.frames;
        deadLetters += other.deadLetters;
        for (int i = 0; i < other.latencyCount; i++) {
            addLatency(other.latencies[i]);
        }
        if (codec == null) {
            codec = other.codec;
            level = other.level;
            model = other.model;
        }
        return this;
    }

    private void addLatency(long millis) {
        if (latencyCount == MAX_LATENCIES) {
            return;
        }
        if (latencyCount == latencies.length) {
            latencies = Arrays.copyOf(latencies, Math.min(MAX_LATENCIES, Math.max(16, 2 * latencies.length)));
        }
        latencies[latencyCount++] = millis;
    }

    /** The latencies kept, sorted. */
    long[] sortedLatencies() {
        long[] sorted = Arrays.copyOf(latencies, latencyCount);
        Arrays.sort(sorted);
        return sorted;
    }
}
