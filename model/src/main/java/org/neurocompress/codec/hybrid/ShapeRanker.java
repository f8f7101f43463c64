package org.neurocompress.codec.hybrid;

import java.util.List;

/** Proposes, for each spike window, the codebook shapes most like it, best first; the encoder fits them exactly. */
interface ShapeRanker {
    /** @param windows band-passed spike windows of {@link Waveforms#LENGTH} samples */
    int[][] rank(List<double[]> windows);

    /** Every shape for every window: the exact fit then searches the whole codebook. */
    ShapeRanker EXHAUSTIVE = windows -> {
        int[] all = new int[Waveforms.COUNT];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        int[][] out = new int[windows.size()][];
        java.util.Arrays.fill(out, all);
        return out;
    };
}
