package org.neurocompress.eval;

import java.util.List;

/** Original and decoded samples around the first spikes of a recording, for the spike plot. */
public record SpikeExcerpts(String file, int sampleRate, List<Excerpt> excerpts) {
    /** One spike: the samples from {@code firstSample}, original and decoded. */
    public record Excerpt(long firstSample, short[] original, short[] decoded) {
    }
}
