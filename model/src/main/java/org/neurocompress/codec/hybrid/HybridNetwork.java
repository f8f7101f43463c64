package org.neurocompress.codec.hybrid;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import java.util.Random;
import org.neurocompress.codec.learned.Djl;
import org.neurocompress.codec.learned.TrainingData;
import org.neurocompress.codec.learned.TrainingHooks;

/**
 * The learned half of the hybrid codec: a VQ-CAE for spike waveforms, and the entropy priors of every level.
 *
 * <p>A spike window (the band-passed signal around a threshold crossing, unit norm) goes through an MLP encoder to an
 * {@link #LATENT}-dimensional vector, which the nearest of {@link Waveforms#COUNT} codebook vectors replaces; an MLP
 * decoder turns the code into a waveform and a small convolutional autoencoder refines it, as in the original
 * VQ-CAE, trained with its hybrid loss against the spike's unit-norm waveform above 300 Hz. After training, every
 * code's refined waveform is stored ({@code shapes}) so the decoder looks them up; the encoder network ranks the
 * codes for each spike of a batch (one call) and the codec fits the best few exactly. {@code priors} holds, per
 * level, the learned initial probability of every context of the coefficient and event coders, as logits: the
 * average of what the coders end a training frame with.
 */
public final class HybridNetwork extends AbstractBlock implements TrainingHooks {
    static final int LATENT = 8;
    /** An example: the band-passed window the encoder sees, then the waveform the decoder should produce. */
    static final int EXAMPLE = 2 * Waveforms.LENGTH;
    private static final byte VERSION = 1;
    private static final int HIDDEN = 64;

    private final SequentialBlock encoder;
    private final Parameter codebook;
    private final SequentialBlock decoder;
    private final SequentialBlock cae;
    private final Parameter shapes;
    private final Parameter priors;
    private final Random seeds;
    private PriorLearner priorLearner = new PriorLearner();

    public HybridNetwork(long seed) {
        super(VERSION);
        seeds = new Random(seed);
        encoder = addChildBlock("encoder", new SequentialBlock()
                .add(Linear.builder().setUnits(HIDDEN).build()).add(Activation::relu)
                .add(Linear.builder().setUnits(HIDDEN).build()).add(Activation::relu)
                .add(Linear.builder().setUnits(LATENT).build()));
        codebook = addParameter(Parameter.builder().setName("codebook").setType(Parameter.Type.OTHER)
                .optShape(new Shape(Waveforms.COUNT, LATENT)).optInitializer(Initializer.ZEROS).build());
        decoder = addChildBlock("decoder", new SequentialBlock()
                .add(Linear.builder().setUnits(HIDDEN).build()).add(Activation::relu)
                .add(Linear.builder().setUnits(HIDDEN).build()).add(Activation::relu)
                .add(Linear.builder().setUnits(Waveforms.LENGTH).build()));
        cae = addChildBlock("cae", new SequentialBlock()
                .add(Conv1d.builder().setFilters(8).setKernelShape(new Shape(5)).optPadding(new Shape(2)).build())
                .add(Activation::relu)
                .add(Conv1d.builder().setFilters(1).setKernelShape(new Shape(5)).optPadding(new Shape(2)).build()));
        shapes = addParameter(Parameter.builder().setName("shapes").setType(Parameter.Type.OTHER)
                .optShape(new Shape(Waveforms.COUNT, Waveforms.LENGTH)).optInitializer(Initializer.ZEROS)
                .optRequiresGrad(false).build());
        priors = addParameter(Parameter.builder().setName("priors").setType(Parameter.Type.OTHER)
                .optShape(new Shape(HybridModel.LEVELS, HybridModel.PRIORS)).optInitializer(Initializer.ZEROS)
                .optRequiresGrad(false).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray examples = inputs.singletonOrThrow();
        NDArray window = examples.get(new NDIndex(":, 0:" + Waveforms.LENGTH));
        NDArray target = examples.get(new NDIndex(":, " + Waveforms.LENGTH + ":"));
        NDArray ze = encoder.forward(store, new NDList(window), training).singletonOrThrow();
        NDArray book = store.getValue(codebook, ze.getDevice(), training);
        if (training && isZero(book)) {
            initialiseCodebook(ze);
            book = store.getValue(codebook, ze.getDevice(), training);
        }
        NDArray zq = nearest(ze, book).oneHot(Waveforms.COUNT, DataType.FLOAT32).matMul(book);
        // Straight-through: the decoder sees z_q, the encoder receives z_q's gradient.
        NDArray straight = ze.add(zq.sub(ze).stopGradient());
        NDArray vq = decoder.forward(store, new NDList(straight), training).singletonOrThrow();
        return new NDList(refine(store, vq, training), vq, ze, zq, target);
    }

    /** Codes start at encoder outputs of the first batch, so none starts far from the data and dies. */
    private void initialiseCodebook(NDArray ze) {
        float[] z = ze.toFloatArray();
        int rows = z.length / LATENT;
        float[] book = new float[Waveforms.COUNT * LATENT];
        for (int k = 0; k < Waveforms.COUNT; k++) {
            System.arraycopy(z, seeds.nextInt(rows) * LATENT, book, k * LATENT, LATENT);
        }
        // In place on a parameter that trains: only with its gradient detached for the moment.
        NDArray array = codebook.getArray();
        array.setRequiresGradient(false);
        Djl.overwrite(array, book);
        array.setRequiresGradient(true);
    }

    private static boolean isZero(NDArray array) {
        for (float v : array.toFloatArray()) {
            if (v != 0) {
                return false;
            }
        }
        return true;
    }

    private NDArray refine(ParameterStore store, NDArray vq, boolean training) {
        long n = vq.getShape().get(0);
        NDArray correction = cae.forward(store, new NDList(vq.reshape(n, 1, Waveforms.LENGTH)), training)
                .singletonOrThrow();
        return vq.add(correction.reshape(n, Waveforms.LENGTH));
    }

    /** argmin over codes of |z - c|^2 = |z|^2 - 2 z.c + |c|^2, the first term the same for every code. */
    private static NDArray nearest(NDArray z, NDArray book) {
        return distances(z, book).argMin(1);
    }

    /** |c|^2 - 2 z.c for every row of z and code c, every array made in z's manager. */
    private static NDArray distances(NDArray z, NDArray book) {
        NDArray squares = local(book.square(), z);
        NDArray transposed = local(book.transpose(), z);
        return squares.sum(new int[] {1}).expandDims(0).sub(z.matMul(transposed).mul(2));
    }

    /** An array computed from a parameter, moved to the manager of {@code batch} so that the batch frees it. */
    private static NDArray local(NDArray computedFromParameter, NDArray batch) {
        computedFromParameter.attach(batch.getManager());
        return computedFromParameter;
    }

    /**
     * The {@code k} codes nearest each window's latent vector, nearest first.
     *
     * @param windows n unit-norm windows, row-major
     */
    int[][] rank(ParameterStore store, NDManager manager, float[] windows, int n, int k) {
        NDArray x = manager.create(windows, new Shape(n, Waveforms.LENGTH));
        NDArray z = encoder.forward(store, new NDList(x), false).singletonOrThrow();
        NDArray book = store.getValue(codebook, z.getDevice(), false);
        float[] distances = distances(z, book).toFloatArray();
        int[][] ranked = new int[n][];
        for (int i = 0; i < n; i++) {
            ranked[i] = smallest(distances, i * Waveforms.COUNT, Waveforms.COUNT, k);
        }
        return ranked;
    }

    /**
     * The indices of the {@code k} smallest of {@code count} values, smallest first, ties broken by index, so the
     * ranking is a function of the distances alone; in {@link Float#compare}'s order. Each value becomes one long
     * key, its float's bits made to sort as signed integers above its index, and the k smallest keys are kept in
     * order by insertion: one pass in which a value rarely moves anything (k passes of Float.compare, whose
     * branches mispredicted, were 2% of the stream job's time on spike-rich electrodes).
     */
    static int[] smallest(float[] values, int from, int count, int k) {
        int m = Math.min(k, count);
        long[] best = new long[m];
        int filled = 0;
        for (int i = 0; i < count; i++) {
            int bits = Float.floatToIntBits(values[from + i]); // every NaN as one, above +infinity
            long key = (long) (bits ^ (bits >> 31 & 0x7fffffff)) << 32 | i;
            if (filled == m && key >= best[m - 1]) {
                continue;
            }
            int j = filled < m ? filled++ : m - 1;
            while (j > 0 && best[j - 1] > key) {
                best[j] = best[j - 1];
                j--;
            }
            best[j] = key;
        }
        int[] out = new int[m];
        for (int j = 0; j < m; j++) {
            out[j] = (int) best[j];
        }
        return out;
    }

    /** The stored waveforms, unit norm. */
    float[][] shapes() {
        return rows(shapes.getArray().toFloatArray(), Waveforms.COUNT, Waveforms.LENGTH);
    }

    /** The stored prior logits, per level. */
    float[][] priorLogits() {
        return rows(priors.getArray().toFloatArray(), HybridModel.LEVELS, HybridModel.PRIORS);
    }

    private static float[][] rows(float[] flat, int rows, int columns) {
        float[][] out = new float[rows][columns];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(flat, r * columns, out[r], 0, columns);
        }
        return out;
    }

    @Override
    public void afterStep() {
    }

    /** Stores every code's refined waveform, then learns each level's priors by coding the training recordings. */
    @Override
    public void afterTraining(NDManager manager, TrainingData data) {
        try (NDManager sub = manager.newSubManager()) {
            ParameterStore store = new ParameterStore(sub, false);
            NDArray book = sub.create(codebook.getArray().toFloatArray(), new Shape(Waveforms.COUNT, LATENT));
            NDArray vq = decoder.forward(store, new NDList(book), false).singletonOrThrow();
            float[] refined = refine(store, vq, false).toFloatArray();
            for (int k = 0; k < Waveforms.COUNT; k++) {
                double norm = 0;
                for (int j = 0; j < Waveforms.LENGTH; j++) {
                    norm += (double) refined[k * Waveforms.LENGTH + j] * refined[k * Waveforms.LENGTH + j];
                }
                norm = Math.sqrt(Math.max(norm, 1e-12));
                for (int j = 0; j < Waveforms.LENGTH; j++) {
                    refined[k * Waveforms.LENGTH + j] /= norm;
                }
            }
            Djl.overwrite(shapes.getArray(), refined);
        }
        float[][] logits = priorLearner.learn(new Waveforms(shapes()), data);
        float[] flat = new float[HybridModel.LEVELS * HybridModel.PRIORS];
        for (int l = 0; l < logits.length; l++) {
            System.arraycopy(logits[l], 0, flat, l * HybridModel.PRIORS, HybridModel.PRIORS);
        }
        Djl.overwrite(priors.getArray(), flat);
    }

    /** For tests: learn priors from fewer frames. */
    void priorLearner(PriorLearner learner) {
        this.priorLearner = learner;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long n = inputShapes[0].get(0);
        encoder.initialize(manager, dataType, new Shape(n, Waveforms.LENGTH));
        decoder.initialize(manager, dataType, new Shape(n, LATENT));
        cae.initialize(manager, dataType, new Shape(n, 1, Waveforms.LENGTH));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long n = inputShapes[0].get(0);
        Shape window = new Shape(n, Waveforms.LENGTH);
        Shape latent = new Shape(n, LATENT);
        return new Shape[] {window, window, latent, latent, window};
    }
}
