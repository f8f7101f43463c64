package org.neurocompress.job.quality;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.neurocompress.metrics.QualityAccumulator;
import org.neurocompress.metrics.StreamingSpikeFidelity;

/** The quality events of one window, merged: sums, counts, and a bounded sample of latencies for percentiles. */
public final class WindowQuality implements Serializable {
    private static final int MAX_LATENCIES = 4096;

    QualityAccumulator quality = new QualityAccumulator();
    StreamingSpikeFidelity.Counts spikes = StreamingSpikeFidelity.Counts.NONE;
    long bytes;
    long frames;
    long deadLetters;
    List<Long> latencies = new ArrayList<>();
    String codec;
    int level;
    String model;

    void add(QualityEvent e) {
        if (e.quality() != null) {
            quality.merge(e.quality());
            if (latencies.size() < MAX_LATENCIES) {
                latencies.add(e.latencyMillis());
            }
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
        quality.merge(other.quality);
        spikes = spikes.plus(other.spikes);
        bytes += other.bytes;
        frames += other.frames;
        deadLetters += other.deadLetters;
        for (Long l : other.latencies) {
            if (latencies.size() < MAX_LATENCIES) {
                latencies.add(l);
            }
        }
        if (codec == null) {
            codec = other.codec;
            level = other.level;
            model = other.model;
        }
        return this;
    }
}
