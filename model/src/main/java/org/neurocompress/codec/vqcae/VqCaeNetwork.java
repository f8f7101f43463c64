package org.neurocompress.codec.vqcae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Random;
import org.neurocompress.codec.learned.TrainingData;
import org.neurocompress.codec.learned.TrainingHooks;

/**
 * The VQ-CAE hybrid for streaming: a strided convolutional encoder turns a normalised segment of
 * {@link #SEGMENT_LENGTH} samples into {@link #POSITIONS} latent vectors, residual vector quantisation describes them
 * with as many stages as the rate allows, a convolutional decoder (sub-pixel upsampling) reconstructs the segment,
 * and a small convolutional autoencoder refines that reconstruction.
 *
 * <p>Segments are normalised by their RMS, quantised to quarter steps of log2 (1.5 dB): the codec sends that step
 * as side information, and training sees the same quantised scale. {@link #forward} (training) takes raw segments
 * (N, S) and returns the refined output, the VQ decoder's output, the normalised input they are compared with,
 * and the commitment loss.
 */
public final class VqCaeNetwork extends AbstractBlock implements TrainingHooks {
    public static final int SEGMENT_LENGTH = 1024;
    /** Latent vectors per segment: one per 256 samples (13 ms at 19 531 Hz). */
    public static final int POSITIONS = 4;
    public static final int LATENT = 128;
    public static final int STAGES = 48;
    private static final byte VERSION = 1;
    private static final float LEAK = 0.1f;
    private static final int PRIOR_SEGMENTS = 8192;

    private final SequentialBlock encoder;
    private final ResidualVectorQuantizer quantizer;
    private final SequentialBlock decoder;
    private final SequentialBlock refiner;
    private final Random dropout;

    public VqCaeNetwork(long seed) {
        super(VERSION);
        dropout = new Random(seed);
        encoder = addChildBlock("encoder", new SequentialBlock()
                .add(conv(16, 16, 8, 4)).add(VqCaeNetwork::leaky)
                .add(conv(32, 8, 4, 2)).add(VqCaeNetwork::leaky)
                .add(conv(LATENT, 8, 8, 0)));
        quantizer = addChildBlock("rvq", new ResidualVectorQuantizer(STAGES, LATENT, seed));
        decoder = addChildBlock("decoder", new SequentialBlock()
                .add(conv(32 * 8, 3, 1, 1)).add(x -> shuffle(x, 8)).add(VqCaeNetwork::leaky)
                .add(conv(16 * 4, 3, 1, 1)).add(x -> shuffle(x, 4)).add(VqCaeNetwork::leaky)
                .add(conv(8 * 8, 3, 1, 1)).add(x -> shuffle(x, 8)).add(VqCaeNetwork::leaky)
                .add(conv(1, 7, 1, 3)));
        refiner = addChildBlock("cae", new SequentialBlock()
                .add(conv(8, 9, 2, 4)).add(VqCaeNetwork::leaky)
                .add(conv(16, 5, 2, 2)).add(VqCaeNetwork::leaky)
                .add(conv(8 * 2, 3, 1, 1)).add(x -> shuffle(x, 2)).add(VqCaeNetwork::leaky)
                .add(conv(2, 3, 1, 1)).add(x -> shuffle(x, 2)));
    }

    private static Conv1d conv(int filters, int kernel, int stride, int padding) {
        return Conv1d.builder().setFilters(filters).setKernelShape(new Shape(kernel)).optStride(new Shape(stride))
                .optPadding(new Shape(padding)).build();
    }

    private static NDList leaky(NDList x) {
        return Activation.leakyRelu(x, LEAK);
    }

    /** Sub-pixel upsampling: (N, C·r, L) to (N, C, L·r), channel c·r+j of position l becoming sample l·r+j. */
    private static NDList shuffle(NDList in, int r) {
        NDArray x = in.singletonOrThrow();
        Shape s = x.getShape();
        long n = s.get(0);
        long c = s.get(1) / r;
        long l = s.get(2);
        return new NDList(x.reshape(n, c, r, l).transpose(0, 1, 3, 2).reshape(n, c, l * r));
    }

    public int stages() {
        return quantizer.stages();
    }

    /** The normalisation step of each segment's RMS: scale = 2^(step/4) in the units of the input. */
    static NDArray quantisedScale(NDArray x) {
        NDArray rms = x.square().mean(new int[] {1}, true).add(1e-12f).sqrt();
        return rms.log2().mul(4).round().div(4).mul((float) Math.log(2)).exp();
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray normalised = x.div(quantisedScale(x));
        long n = x.getShape().get(0);
        NDArray z = latent(store, normalised, training);
        int depth = training ? dropoutDepth() : STAGES;
        ResidualVectorQuantizer.Quantised q = quantizer.train(store, z, depth);
        NDArray vq = reconstruct(store, q.latent(), n, training);
        NDArray refined = refine(store, vq, training);
        return new NDList(refined, vq, normalised, q.commitment());
    }

    /**
     * Quantiser dropout: each batch trains a random depth so that every prefix of the stages (every level) is a good
     * description. Half the batches draw it uniformly (the deep stages need the visits), half log-uniformly (the
     * low depths of the high ratios need the most polish).
     */
    private int dropoutDepth() {
        if (dropout.nextBoolean()) {
            return 1 + dropout.nextInt(STAGES);
        }
        double u = dropout.nextDouble();
        return (int) Math.min(STAGES, Math.max(1, Math.floor(Math.exp(u * Math.log(STAGES + 1)))));
    }

    /** Code indices of normalised segments (N, S): (depth, N·POSITIONS), position p of segment i at i·POSITIONS+p. */
    public long[][] encode(ParameterStore store, NDArray normalised, int depth) {
        return quantizer.encode(store, latent(store, normalised, false), depth);
    }

    /** Normalised reconstructions (N, S) of the indices of N segments. */
    public NDArray decode(ParameterStore store, NDManager manager, long[][] indices, int segments) {
        NDArray latent = quantizer.decode(store, manager, indices);
        return refine(store, reconstruct(store, latent, segments, false), false);
    }

    /** The learned frequencies of the codes of every stage, (STAGES · CODES) row-major. */
    public float[] priors() {
        return quantizer.priors();
    }

    private NDArray latent(ParameterStore store, NDArray normalised, boolean training) {
        long n = normalised.getShape().get(0);
        NDArray z = encoder.forward(store, new NDList(normalised.reshape(n, 1, SEGMENT_LENGTH)), training)
                .singletonOrThrow();
        return z.transpose(0, 2, 1).reshape(n * POSITIONS, LATENT);
    }

    private NDArray reconstruct(ParameterStore store, NDArray latent, long n, boolean training) {
        NDArray z = latent.reshape(n, POSITIONS, LATENT).transpose(0, 2, 1);
        return decoder.forward(store, new NDList(z), training).singletonOrThrow().reshape(n, SEGMENT_LENGTH);
    }

    private NDArray refine(ParameterStore store, NDArray vq, boolean training) {
        long n = vq.getShape().get(0);
        NDArray correction = refiner.forward(store, new NDList(vq.reshape(n, 1, SEGMENT_LENGTH)), training)
                .singletonOrThrow();
        return vq.add(correction.reshape(n, SEGMENT_LENGTH));
    }

    @Override
    public void afterStep() {
        quantizer.updateCodebooks();
    }

    /** Counts how often each code of each stage is chosen on (a sample of) the training segments. */
    @Override
    public void afterTraining(NDManager manager, TrainingData data) {
        float[][] segments = data.segments();
        int step = Math.max(1, segments.length / PRIOR_SEGMENTS);
        float[] counts = new float[STAGES * ResidualVectorQuantizer.CODES];
        int batch = 256;
        for (int from = 0; from < segments.length; from += batch * step) {
            int n = Math.min(batch, (segments.length - from + step - 1) / step);
            float[] flat = new float[n * SEGMENT_LENGTH];
            for (int i = 0; i < n; i++) {
                System.arraycopy(segments[from + i * step], 0, flat, i * SEGMENT_LENGTH, SEGMENT_LENGTH);
            }
            try (NDManager sub = manager.newSubManager()) {
                NDArray x = sub.create(flat, new Shape(n, SEGMENT_LENGTH));
                long[][] indices = encode(new ParameterStore(sub, false), x.div(quantisedScale(x)), STAGES);
                for (int k = 0; k < STAGES; k++) {
                    for (long index : indices[k]) {
                        counts[k * ResidualVectorQuantizer.CODES + (int) index]++;
                    }
                }
            }
        }
        for (int k = 0; k < STAGES; k++) {
            float total = 0;
            for (int c = 0; c < ResidualVectorQuantizer.CODES; c++) {
                total += counts[k * ResidualVectorQuantizer.CODES + c];
            }
            for (int c = 0; c < ResidualVectorQuantizer.CODES; c++) {
                // Add-half smoothing: a code never seen in training must still be codable.
                int j = k * ResidualVectorQuantizer.CODES + c;
                counts[j] = (counts[j] + 0.5f) / (total + 0.5f * ResidualVectorQuantizer.CODES);
            }
        }
        quantizer.setPriors(counts);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long n = inputShapes[0].get(0);
        encoder.initialize(manager, dataType, new Shape(n, 1, SEGMENT_LENGTH));
        quantizer.initialize(manager, dataType, new Shape(n * POSITIONS, LATENT));
        decoder.initialize(manager, dataType, new Shape(n, LATENT, POSITIONS));
        refiner.initialize(manager, dataType, new Shape(n, 1, SEGMENT_LENGTH));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape segments = inputShapes[0];
        return new Shape[] {segments, segments, segments, new Shape()};
    }
}
