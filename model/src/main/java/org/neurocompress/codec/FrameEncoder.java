package org.neurocompress.codec;

import org.neurocompress.frame.Frame;
import org.neurocompress.frame.FrameWriter;

/**
 * Wraps a codec's payload into a frame, and gives the codec the byte budget that makes the whole frame, header and
 * checksum included, meet the level's nominal ratio.
 */
public final class FrameEncoder {
    /** A codec needs room for at least a few bytes however small the budget. */
    private static final int MIN_PAYLOAD_BUDGET = 4;

    private final Codec codec;
    private final int level;
    private final CodecLevel codecLevel;

    public FrameEncoder(Codec codec, int level) {
        this.codec = codec;
        this.level = level;
        this.codecLevel = codec.level(level);
    }

    public Codec codec() {
        return codec;
    }

    public int level() {
        return level;
    }

    /** Samples one frame carries at this level by default: segments per frame times segment length. */
    public int samplesPerFrame() {
        return codecLevel.segmentsPerFrame() * codec.segmentLength();
    }

    public Frame encode(int channel, long firstSampleIndex, int sampleRate, short[] samples, int offset, int count) {
        int frameBudget = (int) Math.floor(2.0 * count / codecLevel.nominalRatio());
        int overhead = FrameWriter.overhead(codec.fingerprint().length, channel, firstSampleIndex, sampleRate,
                codec.segmentLength(), count, Math.max(frameBudget, 1));
        int payloadBudget = Math.max(MIN_PAYLOAD_BUDGET, frameBudget - overhead);
        byte[] payload = codec.encode(samples, offset, count, level, payloadBudget);
        return new Frame(codec.id(), level, codec.fingerprint(), channel, firstSampleIndex, sampleRate,
                codec.segmentLength(), count, payload);
    }
}
