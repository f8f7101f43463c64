package org.neurocompress.codec.learned;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * ConvTranspose1d with kernel 3, stride 2, padding 1 and output padding 1: length L in, 2L out.
 *
 * <p>DJL 0.36's PyTorch engine does not implement deconvolution, so this computes the same layer as zero insertion
 * (x0, 0, x1, 0, ..., x(L-1), 0) followed by a stride-1 convolution with padding 1. Output sample 2i is then
 * v1·x[i] and sample 2i+1 is v0·x[i] + v2·x[i+1]: the transposed convolution's w1·x[i] and w2·x[i] + w0·x[i+1]
 * with the kernel flipped (v = reversed w). Same function family, same parameters (out × in × 3 weights and out
 * biases).
 */
public final class TransposedConv1d extends AbstractBlock {
    private static final byte VERSION = 1;
    private final Conv1d conv;

    public TransposedConv1d(int filters) {
        super(VERSION);
        conv = addChildBlock("conv", Conv1d.builder().setKernelShape(new Shape(3)).optStride(new Shape(1))
                .optPadding(new Shape(1)).setFilters(filters).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return conv.forward(store, new NDList(zeroInsert(inputs.singletonOrThrow())), training);
    }

    static NDArray zeroInsert(NDArray x) {
        Shape s = x.getShape();
        NDArray interleaved = NDArrays.stack(new NDList(x, x.zerosLike()), 3);
        return interleaved.reshape(s.get(0), s.get(1), 2 * s.get(2));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape s = inputShapes[0];
        conv.initialize(manager, dataType, new Shape(s.get(0), s.get(1), 2 * s.get(2)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return conv.getOutputShapes(new Shape[] {new Shape(s.get(0), s.get(1), 2 * s.get(2))});
    }
}
