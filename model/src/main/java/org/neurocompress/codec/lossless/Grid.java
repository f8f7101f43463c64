package org.neurocompress.codec.lossless;

import org.neurocompress.codec.CodecException;
import org.neurocompress.entropy.AdaptiveIntegers;
import org.neurocompress.entropy.RangeDecoder;
import org.neurocompress.entropy.RangeEncoder;

/**
 * The sample grid of one frame: the values a digitiser can produce, numbered by consecutive codes. An N1 recording's
 * 16-bit samples are 10-bit ADC codes scaled by about 64 (steps of 63, 64 or 65) plus an offset, so coding the codes
 * instead of the values saves about 6 bits a sample. The grid is the frame's distinct values: a gap of about n
 * steps between neighbours becomes n codes, so that differences of codes follow differences of the signal. A frame
 * whose values sit on no grid (most common gap 1) uses the identity: code = value + 32768.
 */
final class Grid {
    /** Largest code: a grid spans at most the 16-bit range. */
    static final int MAX_CODE = 65535;

    private final boolean identity;
    /** Per code, its value; codes between distinct values (missing levels) are interpolated on the step. */
    private final short[] values;
    private final int maxCode;
    /** The largest value difference one code step can make: the near-lossless bound per step. */
    private final int stepBound;
    /** Distinct values and the gaps in codes and remainders between them, as written. */
    private final int[] distinct;
    private final int step;

    private Grid(boolean identity, short[] values, int maxCode, int stepBound, int[] distinct, int step) {
        this.identity = identity;
        this.values = values;
        this.maxCode = maxCode;
        this.stepBound = stepBound;
        this.distinct = distinct;
        this.step = step;
    }

    static Grid identity() {
        return new Grid(true, null, MAX_CODE, 1, null, 1);
    }

    boolean isIdentity() {
        return identity;
    }

    int maxCode() {
        return maxCode;
    }

    int stepBound() {
        return stepBound;
    }

    short value(int code) {
        return identity ? (short) (code - 32768) : values[code];
    }

    /** Per code, its value: {@link #value} as a table (a decoder's; the identity's is shared). */
    short[] valueTable() {
        return identity ? IdentityValues.TABLE : values;
    }

    /** Built when a frame without a grid is first decoded this way. */
    private static final class IdentityValues {
        static final short[] TABLE = new short[MAX_CODE + 1];

        static {
            for (int code = 0; code <= MAX_CODE; code++) {
                TABLE[code] = (short) (code - 32768);
            }
        }
    }

    /**
     * The grid of {@code samples[offset..offset+count)}, and each sample's code written to {@code codes}. The
     * identity when the most common gap between distinct values is 1 (no grid to exploit).
     */
    static Grid detect(short[] samples, int offset, int count, int[] codes, Scratch scratch) {
        long[] seen = scratch.seen;
        java.util.Arrays.fill(seen, 0L);
        for (int i = 0; i < count; i++) {
            int v = samples[offset + i] + 32768;
            seen[v >>> 6] |= 1L << v;
        }
        int[] distinct = scratch.distinct;
        int n = 0;
        for (int w = 0; w < seen.length; w++) {
            long bits = seen[w];
            while (bits != 0) {
                distinct[n++] = w << 6 | Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
            }
        }
        int step = mostCommonGap(distinct, n, scratch.gapCounts);
        if (step < 2) {
            for (int i = 0; i < count; i++) {
                codes[i] = samples[offset + i] + 32768;
            }
            return identity();
        }
        int[] codeOf = scratch.codeOf;
        int code = 0;
        int stepBound = 1;
        codeOf[distinct[0]] = 0;
        for (int i = 1; i < n; i++) {
            int gap = distinct[i] - distinct[i - 1];
            int steps = steps(gap, step);
            stepBound = Math.max(stepBound, (gap + steps - 1) / steps);
            code += steps;
            codeOf[distinct[i]] = code;
        }
        for (int i = 0; i < count; i++) {
            codes[i] = codeOf[samples[offset + i] + 32768];
        }
        return new Grid(false, null, code, stepBound, java.util.Arrays.copyOf(distinct, n), step);
    }

    /** Code steps a gap between neighbouring values takes: the nearest whole number of grid steps, at least 1. */
    private static int steps(int gap, int step) {
        return Math.max(1, (gap + step / 2) / step);
    }

    private static int mostCommonGap(int[] distinct, int n, int[] counts) {
        if (n < 2) {
            return 1;
        }
        int best = 1;
        int bestCount = 0;
        for (int i = 1; i < n; i++) {
            int gap = distinct[i] - distinct[i - 1];
            int c = ++counts[gap];
            if (c > bestCount || c == bestCount && gap < best) {
                best = gap;
                bestCount = c;
            }
        }
        for (int i = 1; i < n; i++) {
            counts[distinct[i] - distinct[i - 1]] = 0; // cleared as used: the array stays all zeros between frames
        }
        return best;
    }

    /** Where the grid's integers go: adaptive range-coded models, or Exp-Golomb bits for the fast level. */
    interface Sink {
        /** An unsigned integer under model {@code model} (0 counts, 1 steps, 2 remainders). */
        void unsigned(int model, int value);

        void bits(int value, int count);
    }

    interface Source {
        int unsigned(int model) throws CodecException;

        int bits(int count) throws CodecException;
    }

    static Sink sink(RangeEncoder rc) {
        AdaptiveIntegers[] models = {new AdaptiveIntegers(), new AdaptiveIntegers(), new AdaptiveIntegers()};
        return new Sink() {
            @Override
            public void unsigned(int model, int value) {
                models[model].encode(rc, value);
            }

            @Override
            public void bits(int value, int count) {
                rc.encodeDirect(value, count);
            }
        };
    }

    static Source source(RangeDecoder rc) {
        AdaptiveIntegers[] models = {new AdaptiveIntegers(), new AdaptiveIntegers(), new AdaptiveIntegers()};
        return new Source() {
            @Override
            public int unsigned(int model) {
                return models[model].decode(rc);
            }

            @Override
            public int bits(int count) {
                return rc.decodeDirect(count);
            }
        };
    }

    static Sink sink(BitWriter out) {
        return new Sink() {
            @Override
            public void unsigned(int model, int value) {
                out.writeUnsigned(value);
            }

            @Override
            public void bits(int value, int count) {
                out.write(value, count);
            }
        };
    }

    static Source source(BitReader in) {
        return new Source() {
            @Override
            public int unsigned(int model) throws CodecException {
                return in.readUnsigned();
            }

            @Override
            public int bits(int count) throws CodecException {
                return in.read(count);
            }
        };
    }

    /** Writes the grid: distinct count, first value, step, then each gap as steps and remainder. */
    void write(Sink out) {
        out.unsigned(0, distinct.length - 1);
        out.bits(distinct[0], 16);
        out.unsigned(0, step);
        for (int i = 1; i < distinct.length; i++) {
            int gap = distinct[i] - distinct[i - 1];
            int steps = steps(gap, step);
            out.unsigned(1, steps - 1);
            out.unsigned(2, AdaptiveIntegers.zigzag(gap - steps * step));
        }
    }

    /**
     * Writes the grid compactly (payload mode bit {@code COMPACT_GRID}): distinct count, first value, step; then the
     * gaps of more than one step (levels the frame never used) as distances between their indexes, and the gaps that
     * are not whole steps (where the ADC's scale adds or drops a value unit) as distances between their codes, each
     * distance and remainder coded as its change from the last: an N1 grid gains a unit every 16 codes or so, and
     * such a gap then costs about three bits where the plain layout spends two on every value.
     */
    void writeCompact(Sink out) {
        int n = distinct.length;
        out.unsigned(0, n - 1);
        out.bits(distinct[0], 16);
        out.unsigned(0, step);
        int wide = 0;
        int uneven = 0;
        for (int i = 1; i < n; i++) {
            int gap = distinct[i] - distinct[i - 1];
            int steps = steps(gap, step);
            wide += steps > 1 ? 1 : 0;
            uneven += gap != steps * step ? 1 : 0;
        }
        out.unsigned(0, wide);
        int last = 0;
        for (int i = 1; i < n; i++) {
            int steps = steps(distinct[i] - distinct[i - 1], step);
            if (steps > 1) {
                out.unsigned(0, i - last - 1);
                out.unsigned(0, steps - 2);
                last = i;
            }
        }
        out.unsigned(0, uneven);
        int code = 0;
        int lastCode = 0;
        int lastDistance = 0;
        int lastRemainder = 0;
        for (int i = 1; i < n; i++) {
            int gap = distinct[i] - distinct[i - 1];
            int steps = steps(gap, step);
            code += steps;
            int remainder = gap - steps * step;
            if (remainder != 0) {
                int distance = code - lastCode;
                out.unsigned(0, AdaptiveIntegers.zigzag(distance - lastDistance));
                out.unsigned(0, AdaptiveIntegers.zigzag(remainder - lastRemainder));
                lastCode = code;
                lastDistance = distance;
                lastRemainder = remainder;
            }
        }
    }

    /** Reads what {@link #write} wrote, checking that it describes distinct 16-bit values. */
    static Grid read(Source in, int sampleCount) throws CodecException {
        int n = count(in, sampleCount);
        int first = in.bits(16);
        int step = step(in);
        int[] steps = new int[n];
        int[] remainders = new int[n];
        for (int i = 1; i < n; i++) {
            steps[i] = in.unsigned(1) + 1;
            remainders[i] = AdaptiveIntegers.unzigzag(in.unsigned(2));
        }
        return build(first, step, steps, remainders);
    }

    /** Reads what {@link #writeCompact} wrote, checking that it describes distinct 16-bit values. */
    static Grid readCompact(Source in, int sampleCount) throws CodecException {
        int n = count(in, sampleCount);
        int first = in.bits(16);
        int step = step(in);
        int[] steps = new int[n];
        java.util.Arrays.fill(steps, 1);
        int wide = in.unsigned(0);
        if (wide > n - 1) {
            throw new CodecException("lossless grid has " + wide + " wide gaps among " + n + " values");
        }
        long last = 0;
        for (int j = 0; j < wide; j++) {
            long i = last + in.unsigned(0) + 1;
            long width = in.unsigned(0) + 2L;
            if (i > n - 1 || width > MAX_CODE) {
                throw new CodecException("lossless grid's wide gap " + (j + 1) + " of " + wide + " is past its "
                        + n + " values or the 16-bit range");
            }
            steps[(int) i] = (int) width;
            last = i;
        }
        int[] remainders = new int[n];
        int uneven = in.unsigned(0);
        if (uneven > n - 1) {
            throw new CodecException("lossless grid has " + uneven + " uneven gaps among " + n + " values");
        }
        int i = 0;
        long code = 0; // of value i
        long lastCode = 0;
        long lastDistance = 0;
        long lastRemainder = 0;
        for (int j = 0; j < uneven; j++) {
            long distance = lastDistance + AdaptiveIntegers.unzigzag(in.unsigned(0));
            long target = lastCode + distance;
            while (code < target && i < n - 1) {
                i++;
                code += steps[i];
            }
            long remainder = lastRemainder + AdaptiveIntegers.unzigzag(in.unsigned(0));
            if (distance < 1 || code != target || remainder == 0 || Math.abs(remainder) > 65535) {
                throw new CodecException("lossless grid's uneven gap " + (j + 1) + " of " + uneven
                        + " is not at a value's code or has no remainder (damaged)");
            }
            remainders[i] = (int) remainder;
            lastCode = target;
            lastDistance = distance;
            lastRemainder = remainder;
        }
        return build(first, step, steps, remainders);
    }

    private static int count(Source in, int sampleCount) throws CodecException {
        int n = in.unsigned(0) + 1;
        if (n > sampleCount || n > 65536 || n < 1) {
            throw new CodecException("lossless grid of " + n + " values for " + sampleCount + " samples");
        }
        return n;
    }

    private static int step(Source in) throws CodecException {
        int step = in.unsigned(0);
        if (step < 2 || step > 65535) {
            throw new CodecException("lossless grid step " + step + " out of range [2, 65535]");
        }
        return step;
    }

    /** The grid whose value i + 1 lies steps[i + 1] steps and remainders[i + 1] units above value i. */
    private static Grid build(int first, int step, int[] steps, int[] remainders) throws CodecException {
        int n = steps.length;
        int[] distinct = new int[n];
        int[] codeAt = new int[n];
        distinct[0] = first;
        int code = 0;
        int stepBound = 1;
        for (int i = 1; i < n; i++) {
            long gap = (long) steps[i] * step + remainders[i];
            long next = distinct[i - 1] + gap;
            if (steps[i] > MAX_CODE - code || gap < 1 || next > 65535) {
                throw new CodecException("lossless grid value " + (i + 1) + " of " + n + " out of the 16-bit range");
            }
            distinct[i] = (int) next;
            code += steps[i];
            codeAt[i] = code;
            stepBound = (int) Math.max(stepBound, (gap + steps[i] - 1) / steps[i]);
        }
        short[] values = new short[code + 1];
        for (int i = 0; i < n; i++) {
            values[codeAt[i]] = (short) (distinct[i] - 32768);
            if (i + 1 < n) {
                // Missing levels between two distinct values: spaced evenly, so a near-lossless code lands close.
                int span = codeAt[i + 1] - codeAt[i];
                for (int j = 1; j < span; j++) {
                    values[codeAt[i] + j] = (short) (distinct[i] + (long) (distinct[i + 1] - distinct[i]) * j / span
                            - 32768);
                }
            }
        }
        return new Grid(false, values, code, stepBound, distinct, step);
    }

    /** Per-thread working arrays, so a frame allocates nothing in proportion to the 16-bit range. */
    static final class Scratch {
        final long[] seen = new long[1024];
        final int[] distinct = new int[65536];
        final int[] codeOf = new int[65536];
        final int[] gapCounts = new int[65536];
    }
}
