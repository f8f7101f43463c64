package org.neurocompress.codec.lossless;

import java.util.List;
import org.neurocompress.codec.Codec;
import org.neurocompress.codec.CodecException;
import org.neurocompress.codec.CodecLevel;
import org.neurocompress.codec.CodecSpec;
import org.neurocompress.frame.CodecId;

/**
 * Exact compression of any 16-bit signal: grid, predictor and residual coder chosen per frame and signalled in the
 * payload ({@link PredictiveCoder}); a frame that would expand is stored as it is. Level 1, the default, predicts with
 * LMS and codes the residuals by rANS under adaptive 16-symbol distributions, the frame's two halves interleaved so
 * that a decoder follows both at once; level 2 with a fixed predictor and
 * plain adaptive Rice codes (about 3.5% larger on N1 recordings, about three times as fast); level 3 as level 1, with
 * each residual's sign bit, and its symbol where that stands for one or two codes, coded under the code widths the
 * frame has shown ({@link CodeWidths}: about 1.3-1.5% smaller than level 1 on N1 recordings, and two to three times
 * slower). Payloads of earlier builds' level 1 (arithmetic-coded, or rANS-coded in one sequence) still decode.
 */
public final class LosslessCodec implements Codec {
    public static final int SEGMENT_LENGTH = 4096;
    /** The nominal ratio is what N1 recordings reach, for display: the real ratio is the signal's. */
    public static final CodecSpec SPEC = new CodecSpec(CodecId.LOSSLESS, SEGMENT_LENGTH,
            List.of(new CodecLevel(1, 3.5, 16), new CodecLevel(2, 3.35, 4), new CodecLevel(3, 3.55, 16)), 1, false);

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
        SPEC.level(level);
        PredictiveCoder.Coder coder = switch (level) {
            case 1 -> PredictiveCoder.Coder.RANS;
            case 2 -> PredictiveCoder.Coder.RICE;
            default -> PredictiveCoder.Coder.RANS_WEIGHED;
        };
        return PredictiveCoder.encode(samples, offset, count, 0, coder);
    }

    @Override
    public short[] decode(byte[] payload, int sampleCount, int level) throws CodecException {
        return PredictiveCoder.decode(payload, sampleCount, 0);
    }
}
