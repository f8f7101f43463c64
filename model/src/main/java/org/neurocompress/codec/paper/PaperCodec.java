package org.neurocompress.codec.paper;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.neurocompress.codec.CodecException;
import org.neurocompress.codec.CodecLevel;
import org.neurocompress.codec.CodecSpec;
import org.neurocompress.codec.learned.Djl;
import org.neurocompress.codec.learned.LearnedCodec;
import org.neurocompress.codec.learned.LearnedModel;
import org.neurocompress.frame.CodecId;
import org.neurocompress.metrics.QualityAccumulator;

/**
 * The original VQ-CAE as a codec: each 8000-sample segment becomes one codebook index (one byte of payload), decoded
 * by the VQ decoder and refined by the CAE. One level; a frame carries 4 segments (1.6 s at 19 531 Hz).
 */
public final class PaperCodec extends LearnedCodec {
    public static final CodecSpec SPEC = new CodecSpec(CodecId.PAPER, PaperPreset.SEGMENT_LENGTH,
            List.of(new CodecLevel(1, 1800, 4)), 1, true);

    private final PaperNetwork network;

    public PaperCodec(LearnedModel model) {
        super(model);
        this.network = (PaperNetwork) model.network();
    }

    /** The model in {@code dir}, or the one shipped in the jar. */
    public static PaperCodec open(Optional<Path> dir) throws IOException {
        return new PaperCodec(LearnedModel.open(dir, new PaperPreset()));
    }

    @Override
    public CodecSpec spec() {
        return SPEC;
    }

    @Override
    public List<byte[]> encodeBatch(List<short[]> runs, int level, int[] payloadBudgets) {
        int s = segmentLength();
        int total = 0;
        for (short[] run : runs) {
            total += (run.length + s - 1) / s;
        }
        float[] flat = new float[total * s];
        int at = 0;
        for (short[] run : runs) {
            int segments = (run.length + s - 1) / s;
            for (int i = 0; i < segments * s; i++) {
                // The last segment is padded by repeating its last sample.
                flat[at + i] = (float) (run[Math.min(i, run.length - 1)] / QualityAccumulator.FULL_SCALE);
            }
            at += segments * s;
        }
        long[] codes;
        synchronized (this) {
            Djl.inferenceOnThisThread();
            try (NDManager batch = model.manager().newSubManager()) {
                NDArray x = batch.create(flat, new Shape(total, s));
                codes = network.encode(new ParameterStore(batch, false), x).toLongArray();
            }
        }
        List<byte[]> payloads = new java.util.ArrayList<>(runs.size());
        int segment = 0;
        for (short[] run : runs) {
            byte[] payload = new byte[(run.length + s - 1) / s];
            for (int i = 0; i < payload.length; i++) {
                payload[i] = (byte) codes[segment++];
            }
            payloads.add(payload);
        }
        return payloads;
    }

    @Override
    public short[] decode(byte[] payload, int sampleCount, int level) throws CodecException {
        int s = segmentLength();
        int segments = (sampleCount + s - 1) / s;
        if (payload.length != segments) {
            throw new CodecException("paper payload of " + payload.length + " bytes for " + segments
                    + " segments (one code index each)");
        }
        long[] codes = new long[segments];
        for (int i = 0; i < segments; i++) {
            codes[i] = payload[i] & 0xFF;
            if (codes[i] >= PaperNetwork.CODES) {
                throw new CodecException("corrupt paper payload: code index " + codes[i] + " in a codebook of "
                        + PaperNetwork.CODES);
            }
        }
        float[] decoded;
        synchronized (this) {
            Djl.inferenceOnThisThread();
            try (NDManager batch = model.manager().newSubManager()) {
                NDArray indices = batch.create(codes);
                decoded = network.decode(new ParameterStore(batch, false), indices).toFloatArray();
            }
        }
        requireFinite(decoded);
        short[] out = new short[sampleCount];
        for (int i = 0; i < sampleCount; i++) {
            long v = Math.round(decoded[i] * QualityAccumulator.FULL_SCALE);
            out[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, v));
        }
        return out;
    }
}
