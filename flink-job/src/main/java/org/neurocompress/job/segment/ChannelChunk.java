package org.neurocompress.job.segment;

/** Consecutive samples of one channel, as they arrive: a samples record split per channel. */
public record ChannelChunk(int channel, long firstSampleIndex, int sampleRate, short[] samples) {
    public long endSampleIndex() {
        return firstSampleIndex + samples.length;
    }
}
