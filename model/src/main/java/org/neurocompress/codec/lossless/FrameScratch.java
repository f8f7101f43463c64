package org.neurocompress.codec.lossless;

import org.neurocompress.entropy.AdaptiveFrequencies;

/**
 * One thread's working arrays for coding frames, grown to the largest frame seen and reused: a frame of 16 384
 * samples would otherwise allocate about 300 KB of arrays that live for a millisecond, and allocating them (fresh
 * memory, zeroed) cost more than coding the frame at the fast levels.
 */
final class FrameScratch {
    private static final ThreadLocal<FrameScratch> OF_THREAD = ThreadLocal.withInitial(FrameScratch::new);

    final Grid.Scratch grid = new Grid.Scratch();
    /**
     * The rANS coder's models, reset for each frame (a decoder's slot tables are 139 KB, of which a frame touches the
     * few contexts it uses).
     */
    final AdaptiveFrequencies encoding = new AdaptiveFrequencies(RansResiduals.CONTEXTS, false);
    final AdaptiveFrequencies decoding = new AdaptiveFrequencies(RansResiduals.CONTEXTS, true);
    /**
     * The code widths of LMS rANS frames at level 3: their counts and levels (512 KB, of which a frame clears its
     * grid's codes) and the weighed symbol tables (400 KB, made as the frame needs them).
     */
    final CodeWidths widths = new CodeWidths();
    private int[] codes = new int[0];
    private int[] residuals = new int[0];
    private int[] intervals = new int[0];
    private byte[] bits = new byte[0];
    private byte[] symbols = new byte[0];

    static FrameScratch ofThread() {
        return OF_THREAD.get();
    }

    int[] codes(int length) {
        return codes.length >= length ? codes : (codes = new int[length]);
    }

    int[] residuals(int length) {
        return residuals.length >= length ? residuals : (residuals = new int[length]);
    }

    int[] intervals(int length) {
        return intervals.length >= length ? intervals : (intervals = new int[length]);
    }

    byte[] bits(int length) {
        return bits.length >= length ? bits : (bits = new byte[length]);
    }

    byte[] symbols(int length) {
        return symbols.length >= length ? symbols : (symbols = new byte[length]);
    }
}
