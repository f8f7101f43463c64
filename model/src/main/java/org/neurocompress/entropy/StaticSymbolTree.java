package org.neurocompress.entropy;

/**
 * Codes symbols of a fixed alphabet of 2^bits with fixed probabilities, learned beforehand (for instance the
 * frequencies of codebook indices seen in training): a binary tree whose node probabilities come from the symbol
 * frequencies, each bit coded with {@link RangeEncoder#encodeBitFixed}. A symbol of frequency p costs about
 * -log2(p) bits.
 */
public final class StaticSymbolTree {
    /** Keeps every symbol codable: no node probability reaches 0 or 1. */
    private static final int MIN_PROB = 16;

    private final int bits;
    private final int[] zeroProbability;

    /** @param frequencies 2^bits non-negative weights, one per symbol */
    public StaticSymbolTree(double[] frequencies) {
        int size = frequencies.length;
        if (Integer.bitCount(size) != 1 || size < 2) {
            throw new IllegalArgumentException("alphabet size must be a power of two, got " + size);
        }
        this.bits = Integer.numberOfTrailingZeros(size);
        double[] subtree = new double[2 * size];
        for (int s = 0; s < size; s++) {
            subtree[size + s] = Math.max(0, frequencies[s]) + 1e-9;
        }
        for (int node = size - 1; node >= 1; node--) {
            subtree[node] = subtree[2 * node] + subtree[2 * node + 1];
        }
        zeroProbability = new int[size];
        for (int node = 1; node < size; node++) {
            long p = Math.round(Probabilities.ONE * subtree[2 * node] / subtree[node]);
            zeroProbability[node] = (int) Math.max(MIN_PROB, Math.min(Probabilities.ONE - MIN_PROB, p));
        }
    }

    public void encode(RangeEncoder rc, int symbol) {
        int node = 1;
        for (int i = bits - 1; i >= 0; i--) {
            int bit = symbol >>> i & 1;
            rc.encodeBitFixed(zeroProbability[node], bit);
            node = node << 1 | bit;
        }
    }

    public int decode(RangeDecoder rc) {
        int node = 1;
        for (int i = 0; i < bits; i++) {
            node = node << 1 | rc.decodeBitFixed(zeroProbability[node]);
        }
        return node - (1 << bits);
    }
}
