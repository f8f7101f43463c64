package org.neurocompress.codec.dct;

import java.util.List;
import org.neurocompress.codec.Codec;
import org.neurocompress.codec.CodecException;
import org.neurocompress.codec.CodecLevel;
import org.neurocompress.codec.CodecSpec;
import org.neurocompress.transform.Dct;
import org.neurocompress.entropy.RangeDecoder;
import org.neurocompress.entropy.RangeEncoder;
import org.neurocompress.frame.CodecId;

/**
 * The classical baseline: an orthonormal DCT of each 1024-sample segment, one uniform dead-zone quantiser step for
 * the whole frame, and context-modelled range coding of the quantised coefficients.
 *
 * <p>Each level names a target ratio; the encoder searches the smallest step whose payload fits the budget that
 * {@link org.neurocompress.codec.FrameEncoder} derives from it, so every frame meets its level's ratio. Payload:
 * one byte, the step index s (step = 2^(s/8)), then the range-coded coefficients of every segment in order.
 */
public final class DctCodec implements Codec {
    public static final int SEGMENT_LENGTH = 1024;
    private static final int MAX_STEP_INDEX = 255;
    /**
     * Rounding offset of the dead-zone quantiser: below 1/2, small coefficients fall to zero, which saves more
     * bits than it costs in error for the peaked distributions of transform coefficients.
     */
    private static final double ROUNDING = 1.0 / 3.0;
    /** 200x by default: what a 200 Mbit/s implant needs to fit a 1 Mbit/s radio. */
    public static final CodecSpec SPEC = new CodecSpec(CodecId.DCT, SEGMENT_LENGTH, List.of(
            new CodecLevel(1, 10, 2),
            new CodecLevel(2, 25, 4),
            new CodecLevel(3, 50, 8),
            new CodecLevel(4, 100, 16),
            new CodecLevel(5, 200, 32),
            new CodecLevel(6, 400, 64)), 5, false);

    private final ThreadLocal<Dct> dct = ThreadLocal.withInitial(() -> new Dct(SEGMENT_LENGTH));

    @Override
    public CodecSpec spec() {
        return SPEC;
    }

    @Override
    public byte[] fingerprint() {
        return new byte[0];
    }

    static double step(int stepIndex) {
        return Math.pow(2, stepIndex / 8.0);
    }

    @Override
    public byte[] encode(short[] samples, int offset, int count, int level, int payloadBudget) {
        level(level);
        double[][] coefficients = transform(samples, offset, count);
        int lo = 0;
        int hi = MAX_STEP_INDEX;
        byte[] best = encodeWithStep(coefficients, hi);
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            byte[] candidate = encodeWithStep(coefficients, mid);
            if (candidate.length <= payloadBudget) {
                best = candidate;
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return best;
    }

    private double[][] transform(short[] samples, int offset, int count) {
        int segments = (count + SEGMENT_LENGTH - 1) / SEGMENT_LENGTH;
        double[][] coefficients = new double[segments][SEGMENT_LENGTH];
        double[] block = new double[SEGMENT_LENGTH];
        Dct transform = dct.get();
        for (int s = 0; s < segments; s++) {
            int start = s * SEGMENT_LENGTH;
            int length = Math.min(SEGMENT_LENGTH, count - start);
            for (int i = 0; i < SEGMENT_LENGTH; i++) {
                // The last segment is padded by repeating its last sample: no edge for the transform to spend bits on.
                block[i] = samples[offset + start + Math.min(i, length - 1)];
            }
            transform.forward(block, coefficients[s]);
        }
        return coefficients;
    }

    private static byte[] encodeWithStep(double[][] coefficients, int stepIndex) {
        double inverseStep = 1.0 / step(stepIndex);
        RangeEncoder rc = new RangeEncoder();
        CoefficientModel model = new CoefficientModel();
        int[] q = new int[SEGMENT_LENGTH];
        for (double[] segment : coefficients) {
            for (int i = 0; i < SEGMENT_LENGTH; i++) {
                double scaled = Math.abs(segment[i]) * inverseStep;
                int magnitude = (int) Math.min(CoefficientModel.MAX_MAGNITUDE, Math.floor(scaled + ROUNDING));
                q[i] = segment[i] < 0 ? -magnitude : magnitude;
            }
            model.encodeSegment(rc, q, SEGMENT_LENGTH);
        }
        byte[] coded = rc.finish();
        byte[] payload = new byte[coded.length + 1];
        payload[0] = (byte) stepIndex;
        System.arraycopy(coded, 0, payload, 1, coded.length);
        return payload;
    }

    @Override
    public short[] decode(byte[] payload, int sampleCount, int level) throws CodecException {
        if (payload.length < 1) {
            throw new CodecException("dct payload is empty: it needs at least the step byte");
        }
        double step = step(payload[0] & 0xFF);
        int segments = (sampleCount + SEGMENT_LENGTH - 1) / SEGMENT_LENGTH;
        RangeDecoder rc = new RangeDecoder(payload, 1);
        CoefficientModel model = new CoefficientModel();
        Dct transform = dct.get();
        int[] q = new int[SEGMENT_LENGTH];
        double[] coefficients = new double[SEGMENT_LENGTH];
        double[] block = new double[SEGMENT_LENGTH];
        short[] out = new short[sampleCount];
        for (int s = 0; s < segments; s++) {
            if (!model.decodeSegment(rc, q, SEGMENT_LENGTH)) {
                throw new CodecException("corrupt dct payload: segment " + s + " of " + segments
                        + " decodes to coefficients out of range");
            }
            for (int i = 0; i < SEGMENT_LENGTH; i++) {
                coefficients[i] = q[i] * step;
            }
            transform.inverse(coefficients, block);
            int start = s * SEGMENT_LENGTH;
            int length = Math.min(SEGMENT_LENGTH, sampleCount - start);
            for (int i = 0; i < length; i++) {
                long v = Math.round(block[i]);
                out[start + i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, v));
            }
        }
        return out;
    }
}
