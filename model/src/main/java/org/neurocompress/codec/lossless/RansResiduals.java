package org.neurocompress.codec.lossless;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.neurocompress.codec.CodecException;
import org.neurocompress.entropy.AdaptiveFrequencies;
import org.neurocompress.entropy.Rans;

/**
 * The residual code of {@code lossless} 1 and {@code near-lossless}. Each residual u splits at the Rice parameter k of
 * {@link ResidualModel}'s running mean: the symbol u >> (k − 1) (the quotient and the remainder's top bit) is coded by
 * rANS under an adaptive 16-symbol distribution of context k, and the k − 1 bits below it go flat into a separate bit
 * stream. Symbol 15 escapes: the symbol's excess follows in the bit stream (Exp-Golomb) before the flat bits. One
 * coded symbol a sample instead of {@link ResidualModel}'s five binary decisions, and about 0.6% smaller on N1
 * recordings (counted frequencies averaged over thousands of symbols suit residuals this stationary).
 *
 * <p>Both loops keep their coder state (the rANS states, the bit accumulator, the tables' rebuild schedule) in
 * locals, not in objects: that is most of their speed (the schedule as an object cost 1.2-2 ns a sample to encode).
 */
final class RansResiduals {
    static final int CONTEXTS = 17;
    private static final int ESCAPE = AdaptiveFrequencies.SYMBOLS - 1;
    /** The rANS stream's length field, at the start of the stream. */
    static final int LENGTH_BYTES = 4;
    private static final VarHandle LONG_BIG_ENDIAN =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private RansResiduals() {
    }

    /** Where the first of a frame's two halves ends: samples [0, half) and [half, count). */
    static int half(int count) {
        return (count + 1) >>> 1;
    }

    /**
     * Where sample t's residual stands when the halves are interleaved: the first half's at the even positions, the
     * second's at the odd ones (the first half's last alone at the end when the count is odd).
     */
    static int position(int t, int half) {
        return t < half ? 2 * t : 2 * (t - half) + 1;
    }

    private static int shift(int k) {
        return k > 0 ? k - 1 : 0;
    }

    /**
     * How a frame's values become residuals: given, or taken here under LMS; with {@code widths} (LMS only) the
     * residuals' sign bits coded under {@link CodeWidths} rather than flat, and with {@code symbols} (with
     * {@code widths} only) the symbols of one or two codes weighed by those codes' widths too. With {@code halves}
     * (given residuals only) the residuals come in the order {@link #position} gives, the frame's two halves
     * interleaved: each half has its own running mean, and the tables are rebuilt up to
     * {@link AdaptiveFrequencies#LONG_REBUILD_PERIOD} symbols apart.
     */
    record Prediction(boolean lms, int bound, int maxCode, boolean widths, boolean symbols, boolean halves) {
        /** The values are the residuals already (a fixed predictor's). */
        static final Prediction NONE = new Prediction(false, 0, 0, false, false, false);
        /** The values are the residuals with the frame's two halves interleaved (payload version 2's LMS frames). */
        static final Prediction HALVES = new Prediction(false, 0, 0, false, false, true);

        Prediction {
            if (widths && !lms) {
                throw new IllegalArgumentException("sign bits under code widths need the codes: LMS only");
            }
            if (symbols && !widths) {
                throw new IllegalArgumentException("symbols under code widths come with the sign bits under them");
            }
            if (halves && lms) {
                throw new IllegalArgumentException("halves interleave residuals taken before coding, not under LMS");
            }
        }

        /** Prediction under LMS, in one sequence (payload version 1's layout, and level 3's). */
        static Prediction lms(int bound, int maxCode, boolean widths, boolean symbols) {
            return new Prediction(true, bound, maxCode, widths, symbols, false);
        }

        /** The longest gap between rebuilds of the tables. */
        int longestRebuildPeriod() {
            return halves ? AdaptiveFrequencies.LONG_REBUILD_PERIOD : AdaptiveFrequencies.REBUILD_PERIOD;
        }
    }

    /**
     * Codes a frame as the stream of a rANS payload: the rANS stream's length (4 bytes, big-endian), the rANS stream,
     * {@code grid} (the grid table's bytes, empty without a grid), then the flat bits. {@code values[0, count)} are
     * the residuals, or with {@code prediction.lms()} the frame's codes, whose residuals are taken in the same loop
     * ({@link LmsPredictor#residual}): the predictor's chain of dependent steps then overlaps the coder's work.
     */
    static byte[] encode(int[] values, int count, Prediction prediction, byte[] grid, FrameScratch scratch) {
        LmsPredictor lms = new LmsPredictor(prediction.maxCode(), new StepQuantiser(prediction.bound()));
        boolean predicting = prediction.lms();
        boolean signs = prediction.widths();
        boolean weighed = prediction.symbols();
        AdaptiveFrequencies model = scratch.encoding;
        model.reset();
        CodeWidths widths = widths(prediction, scratch);
        int[] intervals = scratch.intervals(signs ? 2 * count : count); // a symbol a sample, and maybe a sign bit
        int intervalCount = 0;
        // Flat bits: at most 15 + 41 (an escape) a sample, and 8 bytes of slack for the word stores.
        byte[] bits = scratch.bits(7 * count + 16);
        int size = 0;
        long pending = 0; // bits not yet whole bytes, left-aligned
        int fill = 0; // how many (0..7 between samples)
        int used = 0; // the contexts counted since the last rebuild, as bits
        int period = 1;
        int untilRebuild = 1;
        int longest = prediction.longestRebuildPeriod();
        boolean halves = prediction.halves();
        int mean16 = ResidualModel.INITIAL_MEAN16;
        int otherMean16 = ResidualModel.INITIAL_MEAN16; // the other half's, with halves
        for (int t = 0; t < count; t++) {
            int v = predicting ? lms.residual(values[t]) : values[t];
            int k = ResidualModel.k(mean16);
            int shift = shift(k);
            int symbol = Math.min(v >>> shift, ESCAPE);
            if (weighed && shift <= 1 && symbol != ESCAPE && widths.weighing()) {
                int predicted = values[t] - ((v >>> 1) ^ -(v & 1)); // as the decoder has it, before the symbol
                intervals[intervalCount++] = widths.weighedInterval(model, k, predicted, shift, symbol);
            } else {
                intervals[intervalCount++] = model.interval(k, symbol);
            }
            model.count(k, symbol);
            used |= 1 << k;
            if (--untilRebuild == 0) {
                model.rebuild(used);
                used = 0;
                period = AdaptiveFrequencies.nextPeriod(period, longest);
                untilRebuild = period;
            }
            if (symbol == ESCAPE) {
                // Exp-Golomb of the excess: length − 1 zeros, then excess + 1 in length bits (at most 21).
                long e = (long) (v >>> shift) - ESCAPE + 1;
                int length = 64 - Long.numberOfLeadingZeros(e);
                fill += length - 1;
                LONG_BIG_ENDIAN.set(bits, size, pending);
                size += fill >>> 3;
                pending <<= fill & ~7;
                fill &= 7;
                pending |= e << (64 - fill - length);
                fill += length;
                LONG_BIG_ENDIAN.set(bits, size, pending);
                size += fill >>> 3;
                pending <<= fill & ~7;
                fill &= 7;
            }
            int flat = v;
            int flatBits = shift;
            if (signs) {
                int code = values[t];
                if (shift > 0 && symbol != ESCAPE) {
                    // The sign bit by rANS under the code widths, the bits between it and the symbol flat.
                    int m = v >>> 1;
                    int context = widths.context(code - (m ^ -(v & 1)), m);
                    intervals[intervalCount++] = widths.interval(context, v & 1);
                    widths.learn(context, v & 1);
                    flat = m;
                    flatBits = shift - 1;
                }
                widths.count(code, t);
            }
            // Every sample stores the word (no branch on whether a byte is complete); the next store overlaps it.
            pending |= (flat & ((1L << flatBits) - 1)) << 1 << (63 - fill - flatBits);
            fill += flatBits;
            LONG_BIG_ENDIAN.set(bits, size, pending);
            size += fill >>> 3;
            pending <<= fill & ~7;
            fill &= 7;
            int updated = ResidualModel.update(mean16, v);
            mean16 = halves ? otherMean16 : updated; // with halves the next sample is the other half's
            otherMean16 = updated;
        }
        if (fill > 0) {
            size++; // the last partial byte, already stored, padded with zeros
        }
        byte[] symbols = scratch.symbols(Rans.maxBytes(intervalCount));
        int from = Rans.encode(intervals, intervalCount, symbols);
        int length = symbols.length - from;
        byte[] stream = new byte[LENGTH_BYTES + length + grid.length + size];
        for (int i = 0; i < LENGTH_BYTES; i++) {
            stream[i] = (byte) (length >>> (8 * (LENGTH_BYTES - 1 - i)));
        }
        System.arraycopy(symbols, from, stream, LENGTH_BYTES, length);
        System.arraycopy(grid, 0, stream, LENGTH_BYTES + length, grid.length);
        System.arraycopy(bits, 0, stream, LENGTH_BYTES + length + grid.length, size);
        return stream;
    }

    /**
     * Where a payload's rANS stream and flat bits are: {@code in[symbolsStart, symbolsEnd)} and
     * {@code in[bitsStart, bitsEnd)}.
     */
    record Streams(byte[] in, int symbolsStart, int symbolsEnd, int bitsStart, int bitsEnd) {
    }

    /**
     * Decodes {@link #encode}'s streams of given residuals ({@link Prediction#NONE} or {@link Prediction#HALVES}) into
     * {@code residuals[0, count)}.
     */
    static void decode(Streams streams, int[] residuals, int count, Prediction prediction, FrameScratch scratch)
            throws CodecException {
        if (prediction.lms()) {
            throw new IllegalArgumentException("residuals under LMS decode into samples (decodeSamples)");
        }
        decode(streams, residuals, null, null, count, prediction, scratch);
    }

    /**
     * Decodes {@link #encode}'s streams of LMS-predicted codes straight into the frame's samples: {@code samples[t]}
     * is {@code valueOfCode[code]} (the grid's values), stored in the decoding loop rather than in a pass of its own.
     */
    static void decodeSamples(Streams streams, short[] samples, short[] valueOfCode, int count, Prediction prediction,
            FrameScratch scratch) throws CodecException {
        decode(streams, null, samples, valueOfCode, count, prediction, scratch);
    }

    private static void decode(Streams streams, int[] residuals, short[] samples, short[] valueOfCode, int count,
            Prediction prediction, FrameScratch scratch) throws CodecException {
        byte[] in = streams.in();
        int symbolsStart = streams.symbolsStart();
        int symbolsEnd = streams.symbolsEnd();
        int bitsStart = streams.bitsStart();
        int bitsEnd = streams.bitsEnd();
        LmsPredictor lms = new LmsPredictor(prediction.maxCode(), new StepQuantiser(prediction.bound()));
        boolean predicting = prediction.lms();
        boolean signs = prediction.widths();
        boolean weighed = prediction.symbols();
        AdaptiveFrequencies model = scratch.decoding;
        model.reset();
        CodeWidths widths = widths(prediction, scratch);
        // The flat bits, copied with 16 zero bytes after them, so every read is one 8-byte load with no end check.
        int bitBytes = bitsEnd - bitsStart;
        byte[] flat = scratch.bits(bitBytes + 16);
        System.arraycopy(in, bitsStart, flat, 0, bitBytes);
        java.util.Arrays.fill(flat, bitBytes, bitBytes + 16, (byte) 0);
        long limit = 8L * bitBytes;
        long position = 0;
        int symbolBytes = symbolsEnd - symbolsStart;
        if (symbolBytes < 4 * Rans.STATES) {
            throw new CodecException("lossless rANS stream of " + symbolBytes + " bytes (at least "
                    + 4 * Rans.STATES + ")");
        }
        // The rANS stream, copied with a zero byte after it: a renormalisation reads its byte whether it needs it or
        // not (a read past the end reads the zero), so that whether it does is no branch.
        byte[] stream = scratch.symbols(symbolBytes + 1);
        System.arraycopy(in, symbolsStart, stream, 0, symbolBytes);
        stream[symbolBytes] = 0;
        // The state of this sample, then those of the next three (Rans.STATES interleaved states).
        int x = state(stream, 0);
        int next1 = state(stream, 4);
        int next2 = state(stream, 8);
        int next3 = state(stream, 12);
        int p = 16;
        if (Math.min(Math.min(x, next1), Math.min(next2, next3)) < Rans.LOW) { // outside [2^23, 2^31)
            throw new CodecException("lossless rANS stream starts in a state outside [2^23, 2^31) (damaged)");
        }
        int used = 0; // as the encoder's
        int period = 1;
        int untilRebuild = 1;
        int longest = prediction.longestRebuildPeriod();
        boolean halves = prediction.halves();
        int mean16 = ResidualModel.INITIAL_MEAN16;
        int otherMean16 = ResidualModel.INITIAL_MEAN16;
        for (int t = 0; t < count; t++) {
            int k = ResidualModel.k(mean16);
            int shift = shift(k);
            int predicted = weighed ? lms.predict() : 0;
            int entry = weighed && shift <= 1 && widths.weighing()
                    ? widths.weighedEntry(model, k, predicted, shift, Rans.slot(x)) : model.entry(k, Rans.slot(x));
            int symbol = AdaptiveFrequencies.symbolOf(entry);
            x = Rans.decode(x, AdaptiveFrequencies.startOf(entry), AdaptiveFrequencies.frequencyOf(entry));
            // About half the symbols need a byte, unpredictably: the byte is shifted in or not without a branch (4%
            // faster to decode on dev/); a second byte, rare, with a branch.
            int need = (x - Rans.LOW) >>> 31;
            x = x << (need << 3) | stream[Math.min(p, symbolBytes)] & 0xFF & -need;
            p += need;
            if (x < Rans.LOW) {
                x = x << 8 | stream[Math.min(p, symbolBytes)] & 0xFF;
                p++;
            }
            model.count(k, symbol);
            used |= 1 << k;
            if (--untilRebuild == 0) {
                model.rebuild(used);
                used = 0;
                period = AdaptiveFrequencies.nextPeriod(period, longest);
                untilRebuild = period;
            }
            int done = x; // the next sample is the next state's
            x = next1;
            next1 = next2;
            next2 = next3;
            next3 = done;
            int v;
            if (symbol == ESCAPE) {
                int zeros = Long.numberOfLeadingZeros(window(flat, position, bitBytes));
                if (zeros > 20) {
                    if (position + zeros > limit) {
                        throw truncated(t);
                    }
                    throw new CodecException("lossless payload has a residual escape past 2^20 at sample " + t);
                }
                position += zeros;
                int e = (int) (window(flat, position, bitBytes) >>> (63 - zeros));
                position += zeros + 1;
                long value = (long) e + ESCAPE - 1;
                if (value > ResidualModel.MAX_VALUE >>> shift) {
                    throw new CodecException("lossless payload has a residual past " + ResidualModel.MAX_VALUE
                            + " at sample " + t);
                }
                v = (int) value << shift;
            } else {
                v = symbol << shift;
            }
            boolean signed = signs && shift > 0 && symbol != ESCAPE;
            int flatBits = signed ? shift - 1 : shift;
            v |= (int) (window(flat, position, bitBytes) >>> 1 >>> (63 - shift));
            position += flatBits;
            if (position > limit) {
                throw truncated(t);
            }
            if (predicting) {
                int code;
                if (signed) {
                    if (!weighed) {
                        predicted = lms.predict();
                    }
                    // v's lowest bit is not the sign (the window's next bit went there): the sign comes from rANS, in
                    // the context of the two codes the magnitude m leaves.
                    int m = v >>> 1;
                    int context = widths.context(predicted, m);
                    int one = widths.one(context);
                    int zero = (1 << AdaptiveFrequencies.SCALE_BITS) - one; // 0's interval [0, zero), 1's the rest
                    int bit = Rans.slot(x) >= zero ? 1 : 0;
                    x = bit == 0 ? Rans.decode(x, 0, zero) : Rans.decode(x, zero, one);
                    if (x < Rans.LOW) { // as after a symbol, with a branch: a byte for about one sign bit in eight
                        x = x << 8 | stream[Math.min(p, symbolBytes)] & 0xFF;
                        p++;
                        if (x < Rans.LOW) {
                            x = x << 8 | stream[Math.min(p, symbolBytes)] & 0xFF;
                            p++;
                        }
                    }
                    int signDone = x;
                    x = next1;
                    next1 = next2;
                    next2 = next3;
                    next3 = signDone;
                    widths.learn(context, bit);
                    v = m << 1 | bit;
                    code = lms.code(v, predicted, t);
                } else {
                    code = weighed ? lms.code(v, predicted, t) : lms.code(v, t);
                }
                samples[t] = valueOfCode[code];
                if (signs) {
                    widths.count(code, t);
                }
            } else {
                residuals[t] = v;
            }
            int updated = ResidualModel.update(mean16, v);
            mean16 = halves ? otherMean16 : updated; // with halves the next sample is the other half's
            otherMean16 = updated;
        }
        if (p != symbolBytes || x != Rans.LOW || next1 != Rans.LOW || next2 != Rans.LOW || next3 != Rans.LOW) {
            throw new CodecException("lossless rANS stream does not end where its length says (damaged)");
        }
    }

    /** The thread's code widths, reset for this frame when it models its sign bits (a reset clears their codes). */
    private static CodeWidths widths(Prediction prediction, FrameScratch scratch) {
        if (prediction.widths()) {
            scratch.widths.reset(prediction.maxCode());
        }
        return scratch.widths;
    }

    private static CodecException truncated(int t) {
        return new CodecException("lossless payload ends early (truncated): its flat bits run out at sample " + t);
    }

    private static int state(byte[] in, int p) {
        return (in[p] & 0xFF) << 24 | (in[p + 1] & 0xFF) << 16 | (in[p + 2] & 0xFF) << 8 | in[p + 3] & 0xFF;
    }

    /** The 64 bits from bit {@code position} on, zeros past the end (the copy's padding). */
    private static long window(byte[] flat, long position, int bytes) {
        int at = (int) Math.min(position >>> 3, bytes + 8L);
        return (long) LONG_BIG_ENDIAN.get(flat, at) << (position & 7);
    }
}
