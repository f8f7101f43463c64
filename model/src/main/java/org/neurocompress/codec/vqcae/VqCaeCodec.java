package org.neurocompress.codec.vqcae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.neurocompress.codec.CodecException;
import org.neurocompress.codec.CodecLevel;
import org.neurocompress.codec.CodecSpec;
import org.neurocompress.codec.learned.Djl;
import org.neurocompress.codec.learned.LearnedCodec;
import org.neurocompress.codec.learned.LearnedModel;
import org.neurocompress.frame.CodecId;

/**
 * The streaming VQ-CAE hybrid ({@link VqCaeNetwork}), the default codec before hybrid, on segments of 1024 samples (52 ms at
 * 19 531 Hz). One model serves every level: the encoder computes the code indices once, then keeps the most
 * residual stages whose coded payload fits the byte budget of the level's ratio.
 */
public final class VqCaeCodec extends LearnedCodec {
    /** 200x by default, as for dct: what a 200 Mbit/s implant needs to fit a 1 Mbit/s radio. */
    public static final CodecSpec SPEC = new CodecSpec(CodecId.VQCAE, VqCaeNetwork.SEGMENT_LENGTH, List.of(
            new CodecLevel(1, 10, 2),
            new CodecLevel(2, 25, 4),
            new CodecLevel(3, 50, 8),
            new CodecLevel(4, 100, 16),
            new CodecLevel(5, 200, 32),
            new CodecLevel(6, 400, 64)), 5, true);
    /**
     * A lower bound of the bits a coded index costs. It caps the stages a run can afford, so an encode call
     * computes no more stages than its runs can use, and a run's payload does not depend on its batch.
     */
    private static final int MIN_BITS_PER_INDEX = 2;

    private final VqCaeNetwork network;
    private final VqCaePayload payloads;

    public VqCaeCodec(LearnedModel model) {
        super(model);
        this.network = (VqCaeNetwork) model.network();
        this.payloads = new VqCaePayload(network.priors(), network.stages(), ResidualVectorQuantizer.CODES);
    }

    /** The model in {@code dir}, or the one shipped in the jar. */
    public static VqCaeCodec open(Optional<Path> dir) throws IOException {
        return new VqCaeCodec(LearnedModel.open(dir, new VqCaePreset()));
    }

    @Override
    public CodecSpec spec() {
        return SPEC;
    }

    @Override
    public List<byte[]> encodeBatch(List<short[]> runs, int level, int[] payloadBudgets) {
        level(level);
        int s = segmentLength();
        int totalSegments = 0;
        int depth = 1;
        for (int r = 0; r < runs.size(); r++) {
            totalSegments += segments(runs.get(r).length);
            depth = Math.max(depth, affordableDepth(runs.get(r).length, payloadBudgets[r]));
        }
        float[] normalised = new float[totalSegments * s];
        List<int[]> steps = new ArrayList<>(runs.size());
        int segment = 0;
        for (short[] run : runs) {
            short[] padded = pad(run);
            int[] runSteps = new int[segments(run.length)];
            for (int i = 0; i < runSteps.length; i++, segment++) {
                runSteps[i] = SegmentScale.step(padded, i * s, s);
                double inverse = 1 / SegmentScale.scale(runSteps[i]);
                for (int j = 0; j < s; j++) {
                    normalised[segment * s + j] = (float) (padded[i * s + j] * inverse);
                }
            }
            steps.add(runSteps);
        }
        long[][] indices;
        synchronized (this) {
            Djl.inferenceOnThisThread();
            try (NDManager batch = model.manager().newSubManager()) {
                NDArray x = batch.create(normalised, new Shape(totalSegments, s));
                indices = network.encode(new ParameterStore(batch, false), x, depth);
            }
        }
        List<byte[]> out = new ArrayList<>(runs.size());
        int firstPosition = 0;
        for (int r = 0; r < runs.size(); r++) {
            int[] runSteps = steps.get(r);
            int maxDepth = affordableDepth(runs.get(r).length, payloadBudgets[r]);
            out.add(fit(runSteps, indices, firstPosition, maxDepth, payloadBudgets[r]));
            firstPosition += runSteps.length * VqCaeNetwork.POSITIONS;
        }
        return out;
    }

    /** The most stages a run of {@code samples} could fit in {@code budget} bytes. */
    private int affordableDepth(int samples, int budget) {
        int indicesPerStage = segments(samples) * VqCaeNetwork.POSITIONS;
        return Math.max(1, Math.min(network.stages(), budget * 8 / (indicesPerStage * MIN_BITS_PER_INDEX)));
    }

    /** The payload with the most stages, up to {@code maxDepth}, that fits the budget (one if none does). */
    private byte[] fit(int[] steps, long[][] indices, int firstPosition, int maxDepth, int budget) {
        int lo = 1;
        int hi = maxDepth;
        byte[] best = payloads.write(1, steps, indices, firstPosition, VqCaeNetwork.POSITIONS);
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            byte[] candidate = payloads.write(mid, steps, indices, firstPosition, VqCaeNetwork.POSITIONS);
            if (candidate.length <= budget) {
                best = candidate;
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return best;
    }

    @Override
    public short[] decode(byte[] payload, int sampleCount, int level) throws CodecException {
        int s = segmentLength();
        int segments = segments(sampleCount);
        VqCaePayload.Contents contents = payloads.read(payload, segments, VqCaeNetwork.POSITIONS);
        float[] decoded;
        synchronized (this) {
            Djl.inferenceOnThisThread();
            try (NDManager batch = model.manager().newSubManager()) {
                decoded = network.decode(new ParameterStore(batch, false), batch, contents.indices(), segments)
                        .toFloatArray();
            }
        }
        requireFinite(decoded);
        short[] out = new short[sampleCount];
        for (int i = 0; i < sampleCount; i++) {
            double v = decoded[i] * SegmentScale.scale(contents.steps()[i / s]);
            out[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(v)));
        }
        return out;
    }

    private int segments(int samples) {
        return (samples + segmentLength() - 1) / segmentLength();
    }

    /** The run padded to whole segments by repeating its last sample. */
    private short[] pad(short[] run) {
        int length = segments(run.length) * segmentLength();
        short[] padded = java.util.Arrays.copyOf(run, length);
        java.util.Arrays.fill(padded, run.length, length, run[run.length - 1]);
        return padded;
    }
}
