package org.neurocompress.codec.vqcae;

import java.util.Random;

/**
 * Trains one codebook outside the gradient: k-means initialisation on the first vectors it sees, exponential moving
 * averages of the vectors assigned to each code (the VQ-VAE's EMA update), and restart of codes that no vector has
 * chosen for a long time at a vector of the current batch.
 */
final class CodebookTrainer {
    private static final float DECAY = 0.99f;
    private static final float EPSILON = 1e-5f;
    /** A code whose moving count falls below this has gone unused for hundreds of batches. */
    private static final float DEAD = 0.1f;
    private static final int KMEANS_ITERATIONS = 10;

    private final int codes;
    private final int dimension;
    private final Random random;
    private final float[] clusterSize;
    private final float[] embeddingSum;
    private final float[] batchCount;
    private final float[] batchSum;
    private float[] lastVectors = new float[0];
    private boolean initialised;

    CodebookTrainer(int codes, int dimension, long seed) {
        this.codes = codes;
        this.dimension = dimension;
        this.random = new Random(seed);
        this.clusterSize = new float[codes];
        this.embeddingSum = new float[codes * dimension];
        this.batchCount = new float[codes];
        this.batchSum = new float[codes * dimension];
    }

    boolean initialised() {
        return initialised;
    }

    /** Codes chosen by k-means on {@code vectors} (rows of {@code dimension}); starts the moving averages. */
    float[] initialise(float[] vectors) {
        int n = vectors.length / dimension;
        float[] book = new float[codes * dimension];
        for (int k = 0; k < codes; k++) {
            copyRow(vectors, random.nextInt(n), book, k);
        }
        int[] assignment = new int[n];
        for (int it = 0; it < KMEANS_ITERATIONS; it++) {
            float[] sum = new float[codes * dimension];
            int[] count = new int[codes];
            for (int i = 0; i < n; i++) {
                assignment[i] = nearest(book, vectors, i);
                count[assignment[i]]++;
                for (int d = 0; d < dimension; d++) {
                    sum[assignment[i] * dimension + d] += vectors[i * dimension + d];
                }
            }
            for (int k = 0; k < codes; k++) {
                if (count[k] == 0) {
                    copyRow(vectors, random.nextInt(n), book, k);
                } else {
                    for (int d = 0; d < dimension; d++) {
                        book[k * dimension + d] = sum[k * dimension + d] / count[k];
                    }
                }
            }
        }
        for (int k = 0; k < codes; k++) {
            clusterSize[k] = 1;
            System.arraycopy(book, k * dimension, embeddingSum, k * dimension, dimension);
        }
        initialised = true;
        return book;
    }

    /** Continues from a codebook trained before (a resumed run): the moving averages start at it. */
    void adopt(float[] book) {
        for (int k = 0; k < codes; k++) {
            clusterSize[k] = 1;
        }
        System.arraycopy(book, 0, embeddingSum, 0, book.length);
        initialised = true;
    }

    /** Records one batch: the vectors quantised and the code each chose. */
    void observe(float[] vectors, long[] indices) {
        for (int i = 0; i < indices.length; i++) {
            int k = (int) indices[i];
            batchCount[k]++;
            for (int d = 0; d < dimension; d++) {
                batchSum[k * dimension + d] += vectors[i * dimension + d];
            }
        }
        lastVectors = vectors;
    }

    /** Applies the batches observed since the last update; returns the new codebook, or null if none was seen. */
    float[] update() {
        if (lastVectors.length == 0) {
            return null;
        }
        int n = lastVectors.length / dimension;
        float[] book = new float[codes * dimension];
        for (int k = 0; k < codes; k++) {
            clusterSize[k] = DECAY * clusterSize[k] + (1 - DECAY) * batchCount[k];
            for (int d = 0; d < dimension; d++) {
                int j = k * dimension + d;
                embeddingSum[j] = DECAY * embeddingSum[j] + (1 - DECAY) * batchSum[j];
            }
            if (clusterSize[k] < DEAD) {
                // Restart the dead code at a vector the encoder produces now, with a fresh count.
                copyRow(lastVectors, random.nextInt(n), embeddingSum, k);
                clusterSize[k] = 1;
            }
            for (int d = 0; d < dimension; d++) {
                book[k * dimension + d] = embeddingSum[k * dimension + d] / (clusterSize[k] + EPSILON);
            }
        }
        java.util.Arrays.fill(batchCount, 0);
        java.util.Arrays.fill(batchSum, 0);
        lastVectors = new float[0];
        return book;
    }

    private int nearest(float[] book, float[] vectors, int row) {
        int best = 0;
        float bestDistance = Float.MAX_VALUE;
        for (int k = 0; k < codes; k++) {
            float distance = 0;
            for (int d = 0; d < dimension; d++) {
                float diff = book[k * dimension + d] - vectors[row * dimension + d];
                distance += diff * diff;
            }
            if (distance < bestDistance) {
                bestDistance = distance;
                best = k;
            }
        }
        return best;
    }

    private void copyRow(float[] from, int row, float[] to, int toRow) {
        System.arraycopy(from, row * dimension, to, toRow * dimension, dimension);
    }
}
