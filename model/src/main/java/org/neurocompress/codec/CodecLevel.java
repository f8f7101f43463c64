package org.neurocompress.codec;

/**
 * One operating point of a codec. Level 1 has the highest fidelity.
 *
 * @param nominalRatio the compression ratio against 16-bit samples that the level aims at, every frame byte counted
 * @param segmentsPerFrame how many consecutive segments of a channel one frame carries by default, so that the
 *        frame's fixed cost is shared; it sets the frame's latency
 */
public record CodecLevel(int level, double nominalRatio, int segmentsPerFrame) {
    public CodecLevel {
        if (level < 1 || level > 255) {
            throw new IllegalArgumentException("level must be in [1, 255], got " + level);
        }
        if (segmentsPerFrame < 1) {
            throw new IllegalArgumentException("segments per frame must be at least 1, got " + segmentsPerFrame);
        }
    }

    /** The nominal ratio to two decimals at most, for people: 3.55 and 3.5 where a whole number (4) would mislead. */
    public static String ratioText(double ratio) {
        return java.math.BigDecimal.valueOf(ratio).setScale(2, java.math.RoundingMode.HALF_UP).stripTrailingZeros()
                .toPlainString();
    }
}
