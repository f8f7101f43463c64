package org.neurocompress.codec.hybrid;

import java.util.Arrays;
import org.neurocompress.entropy.AdaptiveBits;
import org.neurocompress.entropy.RangeDecoder;
import org.neurocompress.entropy.RangeEncoder;

/**
 * Context-modelled coding of the quantised DCT coefficients of consecutive segments of one frame (docs/formats.md,
 * "hybrid"). Per segment: the DC value as a difference from the previous segment's, the index of the last non-zero
 * coefficient, then each coefficient up to it as a zero flag, a sign, greater-than-1 and greater-than-2 flags and an
 * Exp-Golomb remainder. A coefficient's contexts are its frequency band and how busy its neighbourhood is: the two
 * coefficients below it in this segment and its neighbours in the previous segment, because a channel's spectrum
 * changes slowly. Every context starts from the model's learned prior for the level.
 *
 * <p>The encoder quantises as it codes (rate-distortion optimised quantisation): each magnitude is the one of the
 * two nearest that minimises squared error plus lambda times the bits it costs in its current context.
 */
final class CoefficientCoder {
    static final int BANDS = 10;
    static final int ACTIVITY = 12;
    static final int MAX_MAGNITUDE = 1 << 24;
    /** The Lagrange multiplier, in step^2 per bit: the slope of uniform quantisation at high rate, tuned on dev. */
    static final double LAMBDA = 0.12;
    /** A coefficient below 0.5 + LAST_MARGIN x lambda steps is not worth ending the segment after. */
    private static final double LAST_MARGIN = 4;
    /**
     * Below this rounding-up, rounding down would have to save more than (1 - 2 x 0.15) / lambda = 5.8 bits, which
     * a magnitude change of one step never does.
     */
    private static final double RDO_MIN_ROUNDING = 0.15;
    private static final int FLAGS = BANDS * ACTIVITY;
    private static final int REMAINDER_SETS = 4;

    /** Context layout: offsets into one prior array. */
    static final int ZERO = 0;
    static final int ONE = ZERO + FLAGS;
    static final int TWO = ONE + FLAGS;
    static final int REMAINDER = TWO + FLAGS;
    static final int DC = REMAINDER + REMAINDER_SETS * 32;
    static final int LAST = DC + 32;
    private static final int LAST_LENGTH_NODES = 16;
    private static final int LAST_SECOND_BIT = LAST + 12 * LAST_LENGTH_NODES;
    static final int CONTEXTS = LAST_SECOND_BIT + 12;

    private final int n;
    private final AdaptiveBits bits;
    private final int[] previous;
    private int previousDc;
    private int previousLast;
    private final double lambda;
    /** Where coded bits go: a range coder, or (when null) only their estimated cost into {@link #spent}. */
    private RangeEncoder rc;
    private double spent;

    /**
     * @param priors {@link #CONTEXTS} probabilities of a zero, 16-bit
     * @param lambdaScale the encoder's multiplier of {@link #LAMBDA} (below 1 it spends bytes left at a step)
     */
    CoefficientCoder(int n, int[] priors, double lambdaScale) {
        if (priors.length != CONTEXTS) {
            throw new IllegalArgumentException("coefficient priors need " + CONTEXTS + " values, got " + priors.length);
        }
        this.n = n;
        this.bits = new AdaptiveBits(priors);
        this.previous = new int[n + 1];
        this.lambda = LAMBDA * lambdaScale;
    }

    /** Codes into {@code rc} from now on; null: estimate the bits instead, as {@link #spentBits()} tells. */
    void output(RangeEncoder rc) {
        this.rc = rc;
    }

    /** The bits coded (estimated) since the coder was made, while it had no range coder. */
    double spentBits() {
        return spent;
    }

    private void put(int context, int bit) {
        if (rc == null) {
            spent += bits.cost(context, bit);
            bits.update(context, bit);
        } else {
            bits.encode(rc, context, bit);
        }
    }

    private void direct(int value, int count) {
        if (rc == null) {
            spent += count;
        } else {
            rc.encodeDirect(value, count);
        }
    }

    /** Exp-Golomb: an adaptive unary prefix (contexts base+1.. base+31) and direct suffix bits. */
    private void putUnsigned(int value, int base) {
        int v = value + 1;
        int length = 32 - Integer.numberOfLeadingZeros(v);
        for (int i = 1; i < length; i++) {
            put(base + i, 1);
        }
        if (length < 31) {
            put(base + length, 0);
        }
        if (length > 1) {
            direct(v, length - 1);
        }
    }

    /** A coefficient below this (in steps) is not worth ending the segment after: the last index is the highest at it. */
    double lastThreshold() {
        return 0.5 + lambda * LAST_MARGIN;
    }

    static int band(int k) {
        return Math.min(BANDS - 1, 31 - Integer.numberOfLeadingZeros(k));
    }

    /** How busy the neighbourhood of coefficient k is, from 0 (all zero) to ACTIVITY - 1. */
    private int activity(int[] q, int k) {
        int a1 = Math.abs(q[k - 1]);
        int a2 = k >= 2 ? Math.abs(q[k - 2]) : 0;
        int e = 4 * a1 + 2 * a2 + previous[k - 1] + 2 * previous[k] + previous[k + 1];
        return e == 0 ? 0 : Math.min(ACTIVITY - 1, 1 + (31 - Integer.numberOfLeadingZeros(e)));
    }

    private static int remainderBase(int activity) {
        return REMAINDER + 32 * Math.min(REMAINDER_SETS - 1, activity / 3);
    }

    /**
     * Quantises and codes one segment (or estimates its bits: {@link #output}).
     *
     * @param v the segment's coefficients divided by the step, up to {@code lastIndex}
     * @param q receives the quantised values
     * @param lastIndex the highest index from 1 whose |v| reaches {@link #lastThreshold()}, or 0
     */
    void encode(double[] v, int[] q, int lastIndex) {
        q[0] = (int) Math.max(-MAX_MAGNITUDE, Math.min(MAX_MAGNITUDE, Math.round(v[0])));
        int dc = q[0] - previousDc;
        putUnsigned(dc << 1 ^ dc >> 31, DC);
        previousDc = q[0];
        Arrays.fill(q, 1, n, 0);
        putLast(lastIndex);
        if (rc == null) {
            estimateCoefficients(v, q, lastIndex);
            remember(q, lastIndex);
            return;
        }
        for (int k = 1; k <= lastIndex; k++) {
            int act = activity(q, k);
            int context = band(k) * ACTIVITY + act;
            double a = Math.abs(v[k]);
            int hi = (int) Math.min(MAX_MAGNITUDE, a + 0.5); // a >= 0: the cast is the floor
            int m = hi;
            if (k == lastIndex) {
                m = Math.max(1, hi);
            } else if (hi > 0 && hi - a > RDO_MIN_ROUNDING) {
                // Rounding down instead costs 1 - 2(hi - a) in squared error: only worth weighing bits against when
                // a was rounded up by a fair part of a step (otherwise it would take more bits than a magnitude has).
                double saving = magnitudeBits(context, act, hi) - magnitudeBits(context, act, hi - 1);
                if (1 - 2 * (hi - a) < lambda * saving) {
                    m = hi - 1;
                }
            }
            q[k] = v[k] < 0 ? -m : m;
            if (k < lastIndex) {
                put(ZERO + context, m == 0 ? 0 : 1);
            }
            if (m != 0) {
                direct(q[k] < 0 ? 1 : 0, 1);
                put(ONE + context, m > 1 ? 1 : 0);
                if (m > 1) {
                    put(TWO + context, m > 2 ? 1 : 0);
                    if (m > 2) {
                        putUnsigned(m - 3, remainderBase(act));
                    }
                }
            }
        }
        remember(q, lastIndex);
    }

    /**
     * What {@link #encode}'s loop over the coefficients does when it only estimates: the same choices and the same
     * bits, added in the same order (so the same sum to the last bit), but each coefficient's three flag
     * probabilities read once and the data-dependent branches (which magnitude, which flags follow) turned into
     * selections: on magnitudes of 0-3 those branches mispredicted and the estimate spent most of its time there.
     */
    private void estimateCoefficients(double[] v, int[] q, int lastIndex) {
        double sum = spent;
        // The last two magnitudes, kept in registers: each coefficient's context waits for them.
        int below1 = Math.abs(q[0]);
        int below2 = 0;
        for (int k = 1; k <= lastIndex; k++) {
            int e = 4 * below1 + 2 * below2 + previous[k - 1] + 2 * previous[k] + previous[k + 1];
            int act = Math.min(ACTIVITY - 1, 32 - Integer.numberOfLeadingZeros(e)); // activity(q, k), 0 for e = 0
            int context = band(k) * ACTIVITY + act;
            double a = Math.abs(v[k]);
            int hi = (int) Math.min(MAX_MAGNITUDE, a + 0.5);
            int pZero = bits.probability(ZERO + context);
            int pOne = bits.probability(ONE + context);
            int pTwo = bits.probability(TWO + context);
            double zero0 = AdaptiveBits.costOfZero(pZero);
            double zero1 = AdaptiveBits.costOfOne(pZero);
            double one0 = AdaptiveBits.costOfZero(pOne);
            double one1 = AdaptiveBits.costOfOne(pOne);
            double two0 = AdaptiveBits.costOfZero(pTwo);
            double two1 = AdaptiveBits.costOfOne(pTwo);
            int m;
            if (k == lastIndex) {
                m = Math.max(1, hi);
            } else {
                double saving = magnitudeBits(hi, zero0, zero1, one0, one1, two0, two1)
                        - magnitudeBits(hi - 1, zero0, zero1, one0, one1, two0, two1);
                boolean down = hi > 0 & hi - a > RDO_MIN_ROUNDING & 1 - 2 * (hi - a) < lambda * saving;
                m = down ? hi - 1 : hi;
            }
            q[k] = v[k] < 0 ? -m : m;
            below2 = below1;
            below1 = m;
            boolean nonZero = m != 0;
            boolean aboveOne = m > 1;
            boolean aboveTwo = m > 2;
            if (k < lastIndex) {
                sum += nonZero ? zero1 : zero0;
                bits.update(ZERO + context, nonZero ? 1 : 0);
            }
            // Adding 0 to a positive sum leaves it as it is: the same sum as skipping.
            sum += nonZero ? 1.0 : 0.0;
            sum += nonZero ? (aboveOne ? one1 : one0) : 0.0;
            bits.updateIf(nonZero, ONE + context, aboveOne ? 1 : 0);
            sum += aboveOne ? (aboveTwo ? two1 : two0) : 0.0;
            bits.updateIf(aboveOne, TWO + context, aboveTwo ? 1 : 0);
            if (aboveTwo) {
                spent = sum;
                putUnsigned(m - 3, remainderBase(act));
                sum = spent;
            }
        }
        spent = sum;
    }

    /** {@link #magnitudeBits(int, int, int)} from the flags' costs, without branches (m may be -1: any value). */
    private static double magnitudeBits(int m, double zero0, double zero1, double one0, double one1, double two0,
            double two1) {
        double b = zero1 + 1 + (m > 1 ? one1 : one0);
        b += m > 1 ? (m > 2 ? two1 : two0) : 0.0;
        b += m > 2 ? 2 * (32 - Integer.numberOfLeadingZeros(m - 2)) - 1 : 0;
        return m == 0 ? zero0 : b;
    }

    /** Estimated bits of magnitude m, its zero flag included. */
    private double magnitudeBits(int context, int activity, int m) {
        if (m == 0) {
            return bits.cost(ZERO + context, 0);
        }
        double b = bits.cost(ZERO + context, 1) + 1 + bits.cost(ONE + context, m > 1 ? 1 : 0);
        if (m > 1) {
            b += bits.cost(TWO + context, m > 2 ? 1 : 0);
            if (m > 2) {
                // Exp-Golomb length: the adaptive prefix costs about a bit per bit once it has seen a few.
                b += 2 * (32 - Integer.numberOfLeadingZeros(m - 2)) - 1;
            }
        }
        return b;
    }

    /** Decodes one segment into {@code q[0..n)}; false if the stream is corrupt. */
    boolean decode(RangeDecoder rc, int[] q) {
        Arrays.fill(q, 0, n, 0);
        long dc = decodeSigned(rc, DC);
        if (dc == Long.MIN_VALUE) {
            return false;
        }
        dc += previousDc;
        if (Math.abs(dc) > MAX_MAGNITUDE) {
            return false;
        }
        q[0] = (int) dc;
        previousDc = q[0];
        int lastIndex = decodeLast(rc);
        if (lastIndex < 0 || lastIndex >= n) {
            return false;
        }
        for (int k = 1; k <= lastIndex; k++) {
            int act = activity(q, k);
            int context = band(k) * ACTIVITY + act;
            if (k < lastIndex && bits.decode(rc, ZERO + context) == 0) {
                continue;
            }
            boolean negative = rc.decodeDirect(1) == 1;
            int m = 1;
            if (bits.decode(rc, ONE + context) == 1) {
                m = 2;
                if (bits.decode(rc, TWO + context) == 1) {
                    int rest = bits.decodeUnsigned(rc, remainderBase(act));
                    if (rest < 0 || rest > MAX_MAGNITUDE) {
                        return false;
                    }
                    m = 3 + rest;
                }
            }
            q[k] = negative ? -m : m;
        }
        remember(q, lastIndex);
        return true;
    }

    private void remember(int[] q, int lastIndex) {
        // Beyond both segments' last index every magnitude is zero already.
        int end = Math.max(lastIndex, previousLast) + 1;
        for (int k = 0; k < end; k++) {
            previous[k] = Math.min(64, Math.abs(q[k]));
        }
        previousLast = lastIndex;
    }

    /** The last index: its bit length in a tree whose context is the previous segment's length, then the bits. */
    private void putLast(int lastIndex) {
        int length = 32 - Integer.numberOfLeadingZeros(lastIndex);
        int base = LAST + LAST_LENGTH_NODES * (32 - Integer.numberOfLeadingZeros(previousLast));
        int node = 1;
        for (int i = 3; i >= 0; i--) {
            int bit = length >>> i & 1;
            put(base + node, bit);
            node = node << 1 | bit;
        }
        if (length > 1) {
            put(LAST_SECOND_BIT + length, lastIndex >>> (length - 2) & 1);
            if (length > 2) {
                direct(lastIndex, length - 2);
            }
        }
    }

    private int decodeLast(RangeDecoder rc) {
        int base = LAST + LAST_LENGTH_NODES * (32 - Integer.numberOfLeadingZeros(previousLast));
        int node = 1;
        for (int i = 0; i < 4; i++) {
            node = node << 1 | bits.decode(rc, base + node);
        }
        int length = node - LAST_LENGTH_NODES;
        if (length == 0) {
            return 0;
        }
        if (length > 11) {
            return -1;
        }
        int value = 1;
        if (length > 1) {
            value = value << 1 | bits.decode(rc, LAST_SECOND_BIT + length);
            if (length > 2) {
                value = value << (length - 2) | rc.decodeDirect(length - 2);
            }
        }
        return value;
    }

    /** The value, or Long.MIN_VALUE for a corrupt stream. */
    private long decodeSigned(RangeDecoder rc, int base) {
        int u = bits.decodeUnsigned(rc, base);
        if (u < 0) {
            return Long.MIN_VALUE;
        }
        return u >>> 1 ^ -(u & 1);
    }

    /** The contexts' probabilities now: training averages them over frames into priors. */
    int[] states() {
        return bits.states();
    }
}
