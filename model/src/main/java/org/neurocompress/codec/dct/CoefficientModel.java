package org.neurocompress.codec.dct;

import org.neurocompress.entropy.AdaptiveIntegers;
import org.neurocompress.entropy.Probabilities;
import org.neurocompress.entropy.RangeDecoder;
import org.neurocompress.entropy.RangeEncoder;

/**
 * The adaptive context model for the quantised coefficients of the segments of one frame. Per segment: the DC
 * level as a difference from the previous segment's, the index of the last non-zero AC coefficient, then for each
 * AC coefficient up to it a significance flag (context: frequency band and the previous coefficient's size), a
 * sign, and the magnitude as greater-than-1 and greater-than-2 flags and an adaptive remainder.
 */
final class CoefficientModel {
    /** Quantised values beyond this are corrupt: no 16-bit signal produces them at any step. */
    static final int MAX_MAGNITUDE = 1 << 24;
    private static final int BANDS = 11;

    private final AdaptiveIntegers dcDelta = new AdaptiveIntegers();
    private final AdaptiveIntegers last = new AdaptiveIntegers();
    private final short[] significant = Probabilities.create(BANDS * 3);
    private final short[] greaterThanOne = Probabilities.create(BANDS);
    private final short[] greaterThanTwo = Probabilities.create(BANDS);
    private final AdaptiveIntegers[] remainder = {new AdaptiveIntegers(), new AdaptiveIntegers(),
            new AdaptiveIntegers()};
    private int previousDc;

    void encodeSegment(RangeEncoder rc, int[] q, int n) {
        dcDelta.encode(rc, AdaptiveIntegers.zigzag(q[0] - previousDc));
        previousDc = q[0];
        int lastIndex = 0;
        for (int i = n - 1; i >= 1; i--) {
            if (q[i] != 0) {
                lastIndex = i;
                break;
            }
        }
        last.encode(rc, lastIndex);
        int previous = 0;
        for (int i = 1; i <= lastIndex; i++) {
            int band = band(i);
            int magnitude = Math.abs(q[i]);
            if (i < lastIndex) {
                rc.encodeBit(significant, band * 3 + Math.min(previous, 2), magnitude == 0 ? 0 : 1);
            }
            if (magnitude != 0) {
                rc.encodeDirect(q[i] < 0 ? 1 : 0, 1);
                rc.encodeBit(greaterThanOne, band, magnitude > 1 ? 1 : 0);
                if (magnitude > 1) {
                    rc.encodeBit(greaterThanTwo, band, magnitude > 2 ? 1 : 0);
                    if (magnitude > 2) {
                        remainder[band / 4].encode(rc, magnitude - 3);
                    }
                }
            }
            previous = magnitude;
        }
    }

    /** Decodes one segment's coefficients into {@code q[0..n)}; returns false if the stream is corrupt. */
    boolean decodeSegment(RangeDecoder rc, int[] q, int n) {
        java.util.Arrays.fill(q, 0, n, 0);
        long dc = (long) previousDc + AdaptiveIntegers.unzigzag(dcDelta.decode(rc));
        if (Math.abs(dc) > MAX_MAGNITUDE) {
            return false;
        }
        q[0] = (int) dc;
        previousDc = q[0];
        int lastIndex = last.decode(rc);
        if (lastIndex >= n) {
            return false;
        }
        int previous = 0;
        for (int i = 1; i <= lastIndex; i++) {
            int band = band(i);
            boolean nonZero = i == lastIndex || rc.decodeBit(significant, band * 3 + Math.min(previous, 2)) == 1;
            int magnitude = 0;
            if (nonZero) {
                boolean negative = rc.decodeDirect(1) == 1;
                magnitude = 1;
                if (rc.decodeBit(greaterThanOne, band) == 1) {
                    magnitude = 2;
                    if (rc.decodeBit(greaterThanTwo, band) == 1) {
                        int rest = remainder[band / 4].decode(rc);
                        if (rest > MAX_MAGNITUDE) {
                            return false;
                        }
                        magnitude = 3 + rest;
                    }
                }
                q[i] = negative ? -magnitude : magnitude;
            }
            previous = magnitude;
        }
        return true;
    }

    private static int band(int index) {
        return Math.min(BANDS - 1, 31 - Integer.numberOfLeadingZeros(index));
    }
}
