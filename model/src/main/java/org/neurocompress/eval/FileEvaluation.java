package org.neurocompress.eval;

import org.neurocompress.metrics.QualityMetrics;
import org.neurocompress.metrics.SpikeFidelity;

/**
 * The measured quality and speed of one recording encoded and decoded at one level.
 *
 * @param spikes spike fidelity and band SNRs, all channels pooled
 * @param spikeSamples samples per channel the spike figures cover (all of them unless the recording is very long)
 */
public record FileEvaluation(String file, int channels, long samples, QualityMetrics metrics, SpikeFidelity spikes,
        long spikeSamples, long encodeNanos, long decodeNanos) {
}
