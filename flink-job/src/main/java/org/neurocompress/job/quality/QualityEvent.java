package org.neurocompress.job.quality;

import java.io.Serializable;
import org.neurocompress.metrics.QualitySums;
import org.neurocompress.metrics.StreamingSpikeFidelity;

/**
 * What the sidecar learns from one encoded block (its quality sums, bytes and latency) or one rejected record
 * (channel -1, a dead letter). Events of a window merge into one metrics record.
 */
public record QualityEvent(int channel, QualitySums quality, StreamingSpikeFidelity.Counts spikes, long bytes,
        long frames, long deadLetters, long latencyMillis, String codec, int level, String model)
        implements Serializable {

    public static QualityEvent deadLetter() {
        return new QualityEvent(-1, null, StreamingSpikeFidelity.Counts.NONE, 0, 0, 1, 0, null, 0, null);
    }
}
