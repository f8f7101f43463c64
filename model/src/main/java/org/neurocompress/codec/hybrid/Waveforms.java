package org.neurocompress.codec.hybrid;

/**
 * The model's codebook of spike waveforms: {@code count} unit-norm shapes of {@link #LENGTH} samples, sample
 * {@link #BEFORE} being the threshold crossing. Learned on training recordings (the VQ-VAE of {@link HybridNetwork})
 * and stored with the weights, so the decoder looks them up instead of running a network.
 */
final class Waveforms {
    static final int LENGTH = 32;
    static final int BEFORE = 12;
    static final int SHAPE_BITS = 6;
    static final int COUNT = 1 << SHAPE_BITS;

    private final float[][] shapes;

    Waveforms(float[][] shapes) {
        if (shapes.length != COUNT) {
            throw new IllegalArgumentException("a waveform codebook has " + COUNT + " shapes, got " + shapes.length);
        }
        for (float[] s : shapes) {
            if (s.length != LENGTH) {
                throw new IllegalArgumentException("waveforms have " + LENGTH + " samples, got " + s.length);
            }
        }
        this.shapes = shapes;
    }

    float[] shape(int index) {
        return shapes[index];
    }

    /** The correlation of {@code residual} (LENGTH samples) with a shape: the least-squares amplitude. */
    double fit(double[] residual, int index) {
        float[] s = shapes[index];
        double dot = 0;
        for (int j = 0; j < LENGTH; j++) {
            dot += residual[j] * s[j];
        }
        return dot;
    }
}
