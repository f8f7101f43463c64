package org.neurocompress.codec.learned;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import org.junit.jupiter.api.Test;

class TransposedConv1dTest {
    @Test
    void computesConvTranspose1dWithKernel3Stride2Padding1OutputPadding1() {
        try (NDManager manager = NDManager.newBaseManager()) {
            TransposedConv1d layer = new TransposedConv1d(1);
            layer.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 4));
            // Kernel v = (v0, v1, v2) = (1, 10, 100), bias 0.5, as the stride-1 convolution holds it.
            for (Pair<String, Parameter> p : layer.getParameters()) {
                NDArray a = p.getValue().getArray();
                Djl.overwrite(a, p.getKey().endsWith("weight") ? new float[] {1, 10, 100} : new float[] {0.5f});
            }
            NDArray x = manager.create(new float[] {1, 2, 3, 4}, new Shape(1, 1, 4));
            float[] y = layer.forward(new ParameterStore(manager, false), new NDList(x), false).singletonOrThrow()
                    .toFloatArray();
            // A transposed convolution with w = (100, 10, 1): y[2i] = 10 x[i], y[2i+1] = 1 x[i] + 100 x[i+1], + 0.5.
            float[] expected = new float[8];
            float[] in = {1, 2, 3, 4};
            for (int i = 0; i < 4; i++) {
                expected[2 * i] = 10 * in[i] + 0.5f;
                expected[2 * i + 1] = in[i] + (i + 1 < 4 ? 100 * in[i + 1] : 0) + 0.5f;
            }
            assertEquals(8, y.length);
            assertArrayEquals(expected, y, 1e-5f);
        }
    }
}
