package org.neurocompress.entropy;


/**
 * A set of adaptive binary contexts, each the mean of a fast and a slow estimate of the probability of a zero
 * (16-bit fixed point): the fast one follows local statistics, the slow one keeps what the frame has seen. They
 * start from the model's learned priors instead of 1/2, so a short frame does not pay for learning them.
 */
public final class AdaptiveBits {
    private static final int FAST = 4;
    private static final int SLOW = 7;
    private static final int MIN = 32;
    private static final int MAX = 65536 - 32;
    /** -log2 of a probability in 1/4096 steps, for rate estimates. */
    private static final double[] COST = new double[4097];

    static {
        for (int i = 1; i <= 4096; i++) {
            COST[i] = -StrictMath.log(i / 4096.0) / StrictMath.log(2);
        }
        COST[0] = COST[1];
    }

    private final int[] fast;
    private final int[] slow;

    /** Contexts starting at {@code initial} (probabilities of a zero, 1..65535), which is not modified. */
    public AdaptiveBits(int[] initial) {
        fast = initial.clone();
        slow = initial.clone();
    }

    public static int[] uniform(int count) {
        int[] p = new int[count];
        java.util.Arrays.fill(p, 32768);
        return p;
    }

    public int probability(int context) {
        int p = (fast[context] + slow[context]) >>> 1;
        return Math.max(MIN, Math.min(MAX, p));
    }

    public void update(int context, int bit) {
        if (bit == 0) {
            fast[context] += (65536 - fast[context]) >> FAST;
            slow[context] += (65536 - slow[context]) >> SLOW;
        } else {
            fast[context] -= fast[context] >> FAST;
            slow[context] -= slow[context] >> SLOW;
        }
    }

    public void encode(RangeEncoder rc, int context, int bit) {
        rc.encodeBit16(probability(context), bit);
        update(context, bit);
    }

    public int decode(RangeDecoder rc, int context) {
        int bit = rc.decodeBit16(probability(context));
        update(context, bit);
        return bit;
    }

    /** What coding {@code bit} in {@code context} would cost now, in bits. */
    public double cost(int context, int bit) {
        int p0 = probability(context);
        return COST[(bit == 0 ? p0 : 65536 - p0) >>> 4];
    }

    /** What coding a zero costs at {@code p0}, a probability of a zero ({@link #probability}), in bits. */
    public static double costOfZero(int p0) {
        return COST[p0 >>> 4];
    }

    /** What coding a one costs at {@code p0}, a probability of a zero ({@link #probability}), in bits. */
    public static double costOfOne(int p0) {
        return COST[(65536 - p0) >>> 4];
    }

    /**
     * {@link #update} when {@code active}, else nothing; written as selections rather than a branch, for estimates
     * whose activity follows the data and would mispredict.
     */
    public void updateIf(boolean active, int context, int bit) {
        int f = fast[context];
        int s = slow[context];
        int nf = bit == 0 ? f + ((65536 - f) >> FAST) : f - (f >> FAST);
        int ns = bit == 0 ? s + ((65536 - s) >> SLOW) : s - (s >> SLOW);
        fast[context] = active ? nf : f;
        slow[context] = active ? ns : s;
    }

    /** The current probabilities of a zero: what a frame ends with, from which training learns priors. */
    public int[] states() {
        int[] s = new int[fast.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = (fast[i] + slow[i]) >>> 1;
        }
        return s;
    }

    /** Exp-Golomb: an adaptive unary prefix (contexts base+1.. base+31) and direct suffix bits. */
    public void encodeUnsigned(RangeEncoder rc, int value, int base) {
        int v = value + 1;
        int length = 32 - Integer.numberOfLeadingZeros(v);
        for (int i = 1; i < length; i++) {
            encode(rc, base + i, 1);
        }
        if (length < 31) {
            encode(rc, base + length, 0);
        }
        if (length > 1) {
            rc.encodeDirect(v, length - 1);
        }
    }

    /** Decodes {@link #encodeUnsigned}; -1 if the prefix runs past 30 bits (a corrupt stream). */
    public int decodeUnsigned(RangeDecoder rc, int base) {
        int length = 1;
        while (length < 31 && decode(rc, base + length) == 1) {
            length++;
        }
        if (length >= 31) {
            return -1;
        }
        int v = 1 << (length - 1) | (length > 1 ? rc.decodeDirect(length - 1) : 0);
        return v - 1;
    }

}
