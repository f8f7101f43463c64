package org.neurocompress.job.segment;

import org.apache.flink.api.common.typeinfo.TypeInfo;

/** Consecutive samples of one channel, as they arrive: a samples record split per channel. Never changed once made. */
@TypeInfo(ChannelChunkSerializer.Factory.class)
public record ChannelChunk(int channel, long firstSampleIndex, int sampleRate, short[] samples) {
    public long endSampleIndex() {
        return firstSampleIndex + samples.length;
    }
}
