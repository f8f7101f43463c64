package org.neurocompress.codec.learned;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;

/**
 * PyTorch's default weight initialisation for Linear and convolution layers (Kaiming-uniform with a = sqrt(5)),
 * which reduces to uniform in ±1/sqrt(fan_in), fan_in being the product of every dimension but the first. Used
 * so that models described in PyTorch terms start as they would there.
 */
public final class FanInUniformInitializer implements Initializer {
    @Override
    public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
        long fanIn = 1;
        for (int i = 1; i < shape.dimension(); i++) {
            fanIn *= shape.get(i);
        }
        float bound = (float) (1 / Math.sqrt(Math.max(1, fanIn)));
        return manager.randomUniform(-bound, bound, shape, dataType);
    }
}
