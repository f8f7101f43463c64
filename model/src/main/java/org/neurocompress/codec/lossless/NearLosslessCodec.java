package org.neurocompress.codec.lossless;

import java.util.List;
import org.neurocompress.codec.Codec;
import org.neurocompress.codec.CodecException;
import org.neurocompress.codec.CodecLevel;
import org.neurocompress.codec.CodecSpec;
import org.neurocompress.frame.CodecId;

/**
 * Compression with a hard bound on every sample's error: at most k steps of the frame's grid (k = 1, 2, 4 at levels
 * 1, 2, 3), which on an N1 recording is k ADC steps and on a signal without a grid k units. The bound holds by
 * construction ({@link PredictiveCoder} quantises inside its prediction loop); {@link #errorBound} gives it in
 * sample units for a frame, and {@code eval} reports the largest error it measured.
 */
public final class NearLosslessCodec implements Codec {
    public static final int SEGMENT_LENGTH = 4096;
    private static final int[] BOUNDS = {1, 2, 4};
    /** Nominal ratios are what N1 recordings reach, for display: the real ratio is the signal's. */
    public static final CodecSpec SPEC = new CodecSpec(CodecId.NEAR_LOSSLESS, SEGMENT_LENGTH, List.of(
            new CodecLevel(1, 5.3, 4), new CodecLevel(2, 6.8, 4), new CodecLevel(3, 9.6, 4)), 2, false);

    /** The error bound k in grid steps of a level. */
    public static int steps(int level) {
        SPEC.level(level);
        return BOUNDS[level - 1];
    }

    /**
     * The largest error, in sample units, a level allows on these samples: k times the largest value difference one
     * step of their grid makes (1 without a grid).
     */
    public static int errorBound(short[] samples, int offset, int count, int level) {
        return steps(level) * PredictiveCoder.stepBound(samples, offset, count);
    }

    @Override
    public CodecSpec spec() {
        return SPEC;
    }

    @Override
    public byte[] fingerprint() {
        return new byte[0];
    }

    @Override
    public byte[] encode(short[] samples, int offset, int count, int level, int payloadBudget) {
        return PredictiveCoder.encode(samples, offset, count, steps(level), PredictiveCoder.Coder.RANS);
    }

    @Override
    public short[] decode(byte[] payload, int sampleCount, int level) throws CodecException {
        return PredictiveCoder.decode(payload, sampleCount, steps(level));
    }
}
