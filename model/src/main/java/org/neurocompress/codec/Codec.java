package org.neurocompress.codec;

import java.util.List;
import org.neurocompress.frame.CodecId;

/**
 * Turns consecutive segments of one channel into a payload and back. A codec is stateless between calls: every
 * payload decodes on its own, so frames can be lost, reordered or decoded by another process.
 */
public interface Codec extends AutoCloseable {
    /** Name, segment length and levels: what the codec is without its model. */
    CodecSpec spec();

    default CodecId id() {
        return spec().id();
    }

    default String name() {
        return id().codecName();
    }

    /** The samples per segment this codec works on; the last segment of a frame may be shorter. */
    default int segmentLength() {
        return spec().segmentLength();
    }

    /** The levels this codec offers, level 1 first. */
    default List<CodecLevel> levels() {
        return spec().levels();
    }

    /** The level used when none is asked for. */
    default int defaultLevel() {
        return spec().defaultLevel();
    }

    /** Identifies the model weights a learned codec decodes with; empty for model-free codecs. */
    byte[] fingerprint();

    /**
     * Encodes {@code count} samples, {@code samples[offset..offset+count)}: consecutive segments of one channel.
     *
     * @param payloadBudget the bytes the payload may take to meet the level's nominal ratio; codecs with a fixed
     *        rate ignore it
     */
    byte[] encode(short[] samples, int offset, int count, int level, int payloadBudget);

    /**
     * Encodes several independent sample runs (one per frame, typically of many channels) in one call. Learned
     * codecs override it to run one batched inference; the default encodes them one by one.
     */
    default List<byte[]> encodeBatch(List<short[]> runs, int level, int[] payloadBudgets) {
        List<byte[]> out = new java.util.ArrayList<>(runs.size());
        for (int i = 0; i < runs.size(); i++) {
            out.add(encode(runs.get(i), 0, runs.get(i).length, level, payloadBudgets[i]));
        }
        return out;
    }

    /** Decodes a payload back to exactly {@code sampleCount} samples. */
    short[] decode(byte[] payload, int sampleCount, int level) throws CodecException;

    /** Frees what the codec holds (a learned codec's native memory); model-free codecs hold nothing. */
    @Override
    default void close() {
    }

    default CodecLevel level(int level) {
        return spec().level(level);
    }
}
