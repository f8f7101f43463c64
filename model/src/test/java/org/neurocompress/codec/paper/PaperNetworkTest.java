package org.neurocompress.codec.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PaperNetworkTest {
    private static final int S = 8000;

    /** The published architecture in PyTorch's terms: each layer's weight and bias shapes, in order. */
    private static List<long[]> publishedLayers() {
        List<long[]> layers = new ArrayList<>();
        linear(layers, S, 512);
        linear(layers, 512, 256);
        linear(layers, 256, 8);
        layers.add(new long[] {128, 8}); // codebook
        linear(layers, 8, 256);
        linear(layers, 256, 512);
        linear(layers, 512, S);
        conv(layers, 1, 16);
        conv(layers, 16, 32);
        conv(layers, 32, 16);
        deconv(layers, 16, 32);
        deconv(layers, 32, 16);
        deconv(layers, 16, 1);
        return layers;
    }

    private static void linear(List<long[]> layers, int in, int out) {
        layers.add(new long[] {out, in});
        layers.add(new long[] {out});
    }

    private static void conv(List<long[]> layers, int in, int out) {
        layers.add(new long[] {out, in, 3});
        layers.add(new long[] {out});
    }

    private static void deconv(List<long[]> layers, int in, int out) {
        // PyTorch stores a ConvTranspose1d weight as (in, out, k); TransposedConv1d computes the same layer with a
        // stride-1 convolution, whose weight is (out, in, k): the same count, transposed.
        layers.add(new long[] {out, in, 3});
        layers.add(new long[] {out});
    }

    @Test
    void matchesThePublishedArchitectureLayerByLayer() {
        try (NDManager manager = NDManager.newBaseManager()) {
            PaperNetwork net = new PaperNetwork(S);
            net.initialize(manager, DataType.FLOAT32, new Shape(2, S));
            List<long[]> expected = publishedLayers();
            List<Pair<String, Parameter>> actual = net.getParameters().stream().toList();
            // DJL lists the codebook (a direct parameter) before the child blocks' parameters.
            List<long[]> ordered = new ArrayList<>(expected);
            long[] book = ordered.remove(6);
            ordered.add(0, book);
            assertEquals(ordered.size(), actual.size());
            long count = 0;
            long expectedCount = 0;
            for (int i = 0; i < ordered.size(); i++) {
                Shape shape = actual.get(i).getValue().getArray().getShape();
                assertEquals(new Shape(ordered.get(i)), shape, "parameter " + actual.get(i).getKey());
                count += shape.size();
            }
            for (long[] layer : expected) {
                expectedCount += new Shape(layer).size();
            }
            assertEquals(expectedCount, count);
            // By hand for S = 8000: encoder 4 096 512 + 131 328 + 2 056, codebook 1 024,
            // decoder 2 304 + 131 584 + 4 104 000, CAE 64 + 1 568 + 1 552 + 1 568 + 1 552 + 49.
            assertEquals(4_229_896L + 1_024 + 4_237_888 + 6_353, count, "total parameters");
        }
    }

    @Test
    void forwardGivesEveryOutputItsShapeAndValidCodes() {
        try (NDManager manager = NDManager.newBaseManager()) {
            PaperNetwork net = new PaperNetwork(S);
            net.initialize(manager, DataType.FLOAT32, new Shape(4, S));
            NDArray x = manager.randomUniform(-0.1f, 0.1f, new Shape(4, S));
            NDList out = net.forward(new ParameterStore(manager, false), new NDList(x), false);
            assertEquals(new Shape(4, S), out.get(0).getShape());
            assertEquals(new Shape(4, S), out.get(1).getShape());
            assertEquals(new Shape(4, 8), out.get(2).getShape());
            for (long code : out.get(4).toLongArray()) {
                assertTrue(code >= 0 && code < 128);
            }
            float max = out.get(0).abs().max().getFloat();
            assertTrue(max <= 1f, "Tanh output in [-1, 1]");
        }
    }
}
