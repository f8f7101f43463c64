package org.neurocompress.codec;

import java.util.ArrayList;
import java.util.List;
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
        int budget = payloadBudget(channel, firstSampleIndex, sampleRate, count);
        byte[] payload = codec.encode(samples, offset, count, level, budget);
        return frame(channel, firstSampleIndex, sampleRate, count, payload);
    }

    /** The frames of several runs, encoded in one codec call (one batched inference for learned codecs). */
    public List<Frame> encodeBatch(List<Run> runs) {
        int[] budgets = new int[runs.size()];
        List<short[]> samples = new ArrayList<>(runs.size());
        for (int i = 0; i < runs.size(); i++) {
            Run r = runs.get(i);
            budgets[i] = payloadBudget(r.channel(), r.firstSampleIndex(), r.sampleRate(), r.samples().length);
            samples.add(r.samples());
        }
        List<byte[]> payloads = codec.encodeBatch(samples, level, budgets);
        List<Frame> frames = new ArrayList<>(runs.size());
        for (int i = 0; i < runs.size(); i++) {
            Run r = runs.get(i);
            frames.add(frame(r.channel(), r.firstSampleIndex(), r.sampleRate(), r.samples().length, payloads.get(i)));
        }
        return frames;
    }

    /** Consecutive samples of one channel that become one frame. */
    public record Run(int channel, long firstSampleIndex, int sampleRate, short[] samples) {
    }

    private int payloadBudget(int channel, long firstSampleIndex, int sampleRate, int count) {
        return payloadBudget(codecLevel, codec.fingerprint().length, codec.segmentLength(), channel,
                firstSampleIndex, sampleRate, count);
    }

    /** The payload bytes a frame of {@code count} samples may take at a level: its share less the frame's overhead. */
    public static int payloadBudget(CodecLevel level, int fingerprintBytes, int segmentLength, int channel,
            long firstSampleIndex, int sampleRate, int count) {
        int frameBudget = (int) Math.floor(2.0 * count / level.nominalRatio());
        int overhead = FrameWriter.overhead(fingerprintBytes, channel, firstSampleIndex, sampleRate, segmentLength,
                count, Math.max(frameBudget, 1));
        return Math.max(MIN_PAYLOAD_BUDGET, frameBudget - overhead);
    }

    private Frame frame(int channel, long firstSampleIndex, int sampleRate, int count, byte[] payload) {
        return new Frame(codec.id(), level, codec.fingerprint(), channel, firstSampleIndex, sampleRate,
                codec.segmentLength(), count, payload);
    }
}
