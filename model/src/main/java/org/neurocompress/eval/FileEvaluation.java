package org.neurocompress.eval;

import org.neurocompress.metrics.QualityMetrics;

/** The measured quality and speed of one recording encoded and decoded at one level. */
public record FileEvaluation(String file, int channels, long samples, QualityMetrics metrics, long encodeNanos,
        long decodeNanos) {
}
