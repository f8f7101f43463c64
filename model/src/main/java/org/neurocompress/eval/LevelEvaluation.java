package org.neurocompress.eval;

import java.util.List;

/** Everything measured for one codec level over a set of recordings. */
public record LevelEvaluation(int level, double nominalRatio, List<FileEvaluation> files,
        SegmentDistributions segments, Waveform waveform, SpikeExcerpts spikes, List<SkippedFile> skipped) {

    /** A recording that could not be evaluated, and why. */
    public record SkippedFile(String file, String reason) {
    }
}
