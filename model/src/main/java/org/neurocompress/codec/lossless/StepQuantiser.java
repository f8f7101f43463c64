package org.neurocompress.codec.lossless;

/**
 * Near-lossless quantisation of prediction errors (JPEG-LS's rule): an error e becomes the integer q nearest
 * e / (2k + 1), never a tie since 2k + 1 is odd, so the code the decoder rebuilds, prediction + q·(2k + 1), is within
 * k of the original. The division is a multiplication by a 32-bit reciprocal, exact for every error a 16-bit code
 * can make (|e| + k < 2^17: the rounding it adds stays below 2^−15, under 1/(2k + 1)).
 */
final class StepQuantiser {
    private final int bound;
    private final int width;
    private final long reciprocal;

    /** Steps of 2·bound + 1 codes; bound 0 quantises nothing. */
    StepQuantiser(int bound) {
        this.bound = bound;
        this.width = 2 * bound + 1;
        this.reciprocal = ((1L << 32) + width - 1) / width;
    }

    int bound() {
        return bound;
    }

    int width() {
        return width;
    }

    /** The error in steps, rounded to the nearest. */
    int quantise(int error) {
        return error >= 0 ? (int) ((error + bound) * reciprocal >>> 32) : -(int) ((bound - error) * reciprocal >>> 32);
    }
}
