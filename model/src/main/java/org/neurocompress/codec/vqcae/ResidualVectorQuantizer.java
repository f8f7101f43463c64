package org.neurocompress.codec.vqcae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import org.neurocompress.codec.learned.Djl;
import java.util.ArrayList;
import java.util.List;

/**
 * Residual vector quantisation with low-dimensional lookup: stage k projects the residual left by stages 1..k-1
 * to {@link #LOOKUP} dimensions, picks the nearest of {@link #CODES} codes there, and projects the code back; the
 * next stage quantises what remains. Any prefix of the stages is a valid, coarser description, so the number of
 * stages (the depth) is chosen per frame at encode time.
 *
 * <p>Codebooks are not trained by gradient: {@link CodebookTrainer} moves them (k-means start, moving averages,
 * dead-code restart). The learned frequency of each code at each stage is kept as {@code priors} so that the
 * entropy coder ships with the weights.
 */
final class ResidualVectorQuantizer extends AbstractBlock {
    static final int CODES = 256;
    static final int LOOKUP = 8;
    private static final byte VERSION = 1;

    private final int stages;
    private final int latent;
    private final List<Linear> inProjections = new ArrayList<>();
    private final List<Linear> outProjections = new ArrayList<>();
    private final List<Parameter> codebooks = new ArrayList<>();
    private final List<CodebookTrainer> trainers = new ArrayList<>();
    private final Parameter priors;

    ResidualVectorQuantizer(int stages, int latent, long seed) {
        super(VERSION);
        this.stages = stages;
        this.latent = latent;
        for (int k = 0; k < stages; k++) {
            inProjections.add(addChildBlock("in" + k, Linear.builder().setUnits(LOOKUP).build()));
            outProjections.add(addChildBlock("out" + k, Linear.builder().setUnits(latent).build()));
            codebooks.add(addParameter(Parameter.builder().setName("codebook" + k).setType(Parameter.Type.OTHER)
                    .optShape(new Shape(CODES, LOOKUP)).optInitializer(Initializer.ZEROS).optRequiresGrad(false)
                    .build()));
            trainers.add(new CodebookTrainer(CODES, LOOKUP, seed + k));
        }
        priors = addParameter(Parameter.builder().setName("priors").setType(Parameter.Type.OTHER)
                .optShape(new Shape(stages, CODES)).optInitializer(Initializer.ONES).optRequiresGrad(false).build());
    }

    int stages() {
        return stages;
    }

    /** What training needs from the first {@code depth} stages: the quantised latent and the commitment loss. */
    record Quantised(NDArray latent, NDArray commitment) {
    }

    /**
     * Quantises z (M, latent) with the first {@code depth} stages. The quantised latent passes the decoder's
     * gradient straight through to the encoder.
     */
    Quantised train(ParameterStore store, NDArray z, int depth) {
        NDArray residual = z;
        NDArray quantised = null;
        NDArray commitment = null;
        for (int k = 0; k < depth; k++) {
            NDArray projected = project(inProjections.get(k), store, residual, true);
            CodebookTrainer trainer = trainers.get(k);
            NDArray parameter = store.getValue(codebooks.get(k), z.getDevice(), true);
            if (!trainer.initialised()) {
                float[] current = parameter.toFloatArray();
                if (isZero(current)) {
                    Djl.overwrite(parameter, trainer.initialise(projected.toFloatArray()));
                } else {
                    trainer.adopt(current);
                }
            }
            NDArray book = local(parameter, z.getManager());
            NDArray indices = nearest(projected, book);
            trainer.observe(projected.toFloatArray(), indices.toLongArray());
            NDArray code = lookup(book, indices);
            NDArray term = projected.sub(code.stopGradient()).square().mean();
            commitment = commitment == null ? term : commitment.add(term);
            NDArray straight = projected.add(code.sub(projected).stopGradient());
            NDArray back = project(outProjections.get(k), store, straight, true);
            quantised = quantised == null ? back : quantised.add(back);
            residual = residual.sub(back.stopGradient());
        }
        return new Quantised(quantised, commitment.div(depth));
    }

    /** Moves every codebook by the batches seen since the last call. */
    void updateCodebooks() {
        for (int k = 0; k < stages; k++) {
            float[] book = trainers.get(k).update();
            if (book != null) {
                Djl.overwrite(codebooks.get(k).getArray(), book);
            }
        }
    }

    /** Code indices of z (M, latent) at the first {@code depth} stages: (depth, M). */
    long[][] encode(ParameterStore store, NDArray z, int depth) {
        long[][] indices = new long[depth][];
        NDArray residual = z;
        for (int k = 0; k < depth; k++) {
            NDArray projected = project(inProjections.get(k), store, residual, false);
            NDArray book = local(store.getValue(codebooks.get(k), z.getDevice(), false), z.getManager());
            NDArray chosen = nearest(projected, book);
            indices[k] = chosen.toLongArray();
            if (k + 1 < depth) {
                residual = residual.sub(project(outProjections.get(k), store, lookup(book, chosen), false));
            }
        }
        return indices;
    }

    /** The quantised latent (M, latent) of indices (depth, M). */
    NDArray decode(ParameterStore store, NDManager manager, long[][] indices) {
        NDArray sum = null;
        for (int k = 0; k < indices.length; k++) {
            NDArray book = local(store.getValue(codebooks.get(k), manager.getDevice(), false), manager);
            NDArray code = lookup(book, manager.create(indices[k]));
            NDArray back = project(outProjections.get(k), store, code, false);
            sum = sum == null ? back : sum.add(back);
        }
        return sum;
    }

    /** How often each code of each stage was chosen, for the entropy coder: (stages, CODES). */
    float[] priors() {
        return priors.getArray().toFloatArray();
    }

    void setPriors(float[] frequencies) {
        Djl.overwrite(priors.getArray(), frequencies);
    }

    private static boolean isZero(float[] values) {
        for (float v : values) {
            if (v != 0) {
                return false;
            }
        }
        return true;
    }

    private static NDArray project(Linear layer, ParameterStore store, NDArray x, boolean training) {
        return layer.forward(store, new NDList(x), training).singletonOrThrow();
    }

    /**
     * A copy of a codebook in the caller's manager. Arrays computed from the parameter itself would belong to the
     * model's manager and live as long as the model: native memory growing with every batch.
     */
    private static NDArray local(NDArray codebook, NDManager manager) {
        return manager.create(codebook.toFloatArray(), codebook.getShape());
    }

    /** argmin over codes of |x - c|^2 = |x|^2 - 2 x.c + |c|^2; |x|^2 is the same for every code. */
    private static NDArray nearest(NDArray x, NDArray book) {
        NDArray distances = book.square().sum(new int[] {1}).expandDims(0).sub(x.matMul(book.transpose()).mul(2));
        return distances.argMin(1);
    }

    private static NDArray lookup(NDArray book, NDArray indices) {
        return indices.oneHot(CODES, DataType.FLOAT32).matMul(book);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        throw new UnsupportedOperationException("use train, encode or decode");
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long m = inputShapes[0].get(0);
        for (int k = 0; k < stages; k++) {
            inProjections.get(k).initialize(manager, dataType, new Shape(m, latent));
            outProjections.get(k).initialize(manager, dataType, new Shape(m, LOOKUP));
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }
}
