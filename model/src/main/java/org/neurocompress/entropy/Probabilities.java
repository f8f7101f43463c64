package org.neurocompress.entropy;

import java.util.Arrays;

/** Adaptive bit probabilities for the range coder: 11-bit fixed point, each starting at 1/2. */
public final class Probabilities {
    static final int BITS = 11;
    static final int ONE = 1 << BITS;
    static final int MOVE_BITS = 5;

    private Probabilities() {
    }

    public static short[] create(int count) {
        short[] probs = new short[count];
        Arrays.fill(probs, (short) (ONE / 2));
        return probs;
    }
}
