package org.neurocompress.codec.paper;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.UniformInitializer;
import ai.djl.util.PairList;
import org.neurocompress.codec.learned.TransposedConv1d;

/**
 * The original VQ-CAE hybrid, layer for layer: an MLP VQ-VAE (encoder S-512-256-8, a codebook of 128 vectors of
 * dimension 8, decoder 8-256-512-S with Tanh) whose reconstruction a convolutional autoencoder refines.
 *
 * <p>{@link #forward} takes a batch of normalised segments (N, S) and returns, in order: the CAE output, the VQ
 * output, the encoder output z_e, the chosen codebook vectors z_q, and the code indices.
 */
public final class PaperNetwork extends AbstractBlock {
    public static final int CODES = 128;
    public static final int LATENT = 8;
    private static final byte VERSION = 1;

    private final int segmentLength;
    private final SequentialBlock encoder;
    private final SequentialBlock decoder;
    private final SequentialBlock cae;
    private final Parameter codebook;

    public PaperNetwork(int segmentLength) {
        super(VERSION);
        this.segmentLength = segmentLength;
        encoder = addChildBlock("encoder", new SequentialBlock()
                .add(Linear.builder().setUnits(512).build()).add(Activation::relu)
                .add(Linear.builder().setUnits(256).build()).add(Activation::relu)
                .add(Linear.builder().setUnits(LATENT).build()));
        codebook = addParameter(Parameter.builder().setName("codebook").setType(Parameter.Type.OTHER)
                .optShape(new Shape(CODES, LATENT)).optInitializer(new UniformInitializer(1f / CODES)).build());
        decoder = addChildBlock("decoder", new SequentialBlock()
                .add(Linear.builder().setUnits(256).build()).add(Activation::relu)
                .add(Linear.builder().setUnits(512).build()).add(Activation::relu)
                .add(Linear.builder().setUnits(segmentLength).build()).add(Activation::tanh));
        cae = addChildBlock("cae", new SequentialBlock()
                .add(conv(16)).add(Activation::relu)
                .add(conv(32)).add(Activation::relu)
                .add(conv(16)).add(Activation::relu)
                .add(deconv(32)).add(Activation::relu)
                .add(deconv(16)).add(Activation::relu)
                .add(deconv(1)).add(Activation::tanh));
    }

    private static Conv1d conv(int filters) {
        return Conv1d.builder().setKernelShape(new Shape(3)).optStride(new Shape(2)).optPadding(new Shape(1))
                .setFilters(filters).build();
    }

    private static TransposedConv1d deconv(int filters) {
        return new TransposedConv1d(filters);
    }

    public int segmentLength() {
        return segmentLength;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray ze = encoder.forward(store, new NDList(x), training).singletonOrThrow();
        NDArray book = store.getValue(codebook, x.getDevice(), training);
        NDArray indices = nearest(ze, book);
        NDArray zq = indices.oneHot(CODES, DataType.FLOAT32).matMul(book);
        // Straight-through estimator: the decoder sees z_q, the encoder receives z_q's gradient.
        NDArray straight = ze.add(zq.sub(ze).stopGradient());
        NDArray vq = decoder.forward(store, new NDList(straight), training).singletonOrThrow();
        NDArray refined = refine(store, vq, training);
        return new NDList(refined, vq, ze, zq, indices);
    }

    /** The index of the nearest codebook vector of each row of z_e: argmin |z_e|^2 - 2 z_e.c + |c|^2. */
    static NDArray nearest(NDArray ze, NDArray book) {
        NDArray distances = ze.square().sum(new int[] {1}, true)
                .sub(ze.matMul(ownedBy(book.transpose(), ze)).mul(2))
                .add(ownedBy(book.square(), ze).sum(new int[] {1}).expandDims(0));
        return distances.argMin(1);
    }

    /**
     * An array computed from a parameter belongs to the model's manager, which lives as long as the model: it is
     * moved to the batch's (that of {@code batch}) so that the batch frees it.
     */
    private static NDArray ownedBy(NDArray computedFromParameter, NDArray batch) {
        computedFromParameter.attach(batch.getManager());
        return computedFromParameter;
    }

    /** Encoder and nearest code: the payload of each segment. */
    public NDArray encode(ParameterStore store, NDArray x) {
        NDArray ze = encoder.forward(store, new NDList(x), false).singletonOrThrow();
        return nearest(ze, store.getValue(codebook, x.getDevice(), false));
    }

    /** Codebook vectors, decoder and CAE: the reconstruction of each index. */
    public NDArray decode(ParameterStore store, NDArray indices) {
        NDArray book = store.getValue(codebook, indices.getDevice(), false);
        NDArray zq = indices.oneHot(CODES, DataType.FLOAT32).matMul(book);
        NDArray vq = decoder.forward(store, new NDList(zq), false).singletonOrThrow();
        return refine(store, vq, false);
    }

    private NDArray refine(ParameterStore store, NDArray vq, boolean training) {
        long n = vq.getShape().get(0);
        NDArray out = cae.forward(store, new NDList(vq.reshape(n, 1, segmentLength)), training).singletonOrThrow();
        return out.reshape(n, segmentLength);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long n = inputShapes[0].get(0);
        encoder.initialize(manager, dataType, new Shape(n, segmentLength));
        decoder.initialize(manager, dataType, new Shape(n, LATENT));
        cae.initialize(manager, dataType, new Shape(n, 1, segmentLength));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long n = inputShapes[0].get(0);
        Shape segments = new Shape(n, segmentLength);
        Shape latent = new Shape(n, LATENT);
        return new Shape[] {segments, segments, latent, latent, new Shape(n)};
    }
}
