package org.neurocompress.codec.lossless;

import org.neurocompress.codec.CodecException;
import org.neurocompress.entropy.RangeDecoder;
import org.neurocompress.entropy.RangeEncoder;

/**
 * The payload of {@code lossless} and {@code near-lossless} (docs/formats.md, "lossless payload v1"): the frame's
 * grid, a fixed polynomial predictor chosen per frame, and the prediction residuals, coded by {@link RansResiduals}
 * (rANS, smallest), by {@link RiceResiduals} (bit-packed, fastest) or, in payloads of earlier builds, under
 * {@link ResidualModel} (binary arithmetic coding). With a bound k > 0 the residuals are quantised in steps of
 * 2k + 1 codes inside the prediction loop (DPCM, as in JPEG-LS's near-lossless mode, {@link StepQuantiser}), so
 * every decoded code is within k of the original by construction. Version 2 codes a rANS frame's LMS residuals with
 * the frame's two halves interleaved ({@link LmsPredictor#residualsInterleaved}) where the frame has no code widths;
 * version 1 payloads still decode.
 */
final class PredictiveCoder {
    static final int FORMAT_VERSION = 2;
    /** The version before the halves were interleaved: a rANS frame's LMS residuals coded in order. */
    private static final int VERSION_IN_ORDER = 1;
    static final int HEADER_BYTES = 3;
    private static final int ORDER_MASK = 3;
    private static final int GRID = 1 << 2;
    private static final int STORED = 1 << 3;
    private static final int RICE = 1 << 4;
    private static final int RANS = 1 << 5;
    /** The grid as {@link Grid#writeCompact} writes it (rANS and Rice payloads), where that is smaller. */
    private static final int COMPACT_GRID = 1 << 6;
    /** Sign bits under the code widths ({@link CodeWidths}): lossless rANS LMS frames, grids of 2049 codes or fewer. */
    private static final int CODE_WIDTHS = 1 << 7;
    /**
     * With {@link #CODE_WIDTHS} only (bit 3 alone is {@link #STORED}): the rANS symbols of one or two codes weighed by
     * those codes' widths too.
     */
    private static final int WEIGHED_SYMBOLS = STORED;
    /** The most codes a grid may have for {@link #CODE_WIDTHS} (a 10- or 11-bit ADC's): their levels are recomputed. */
    static final int WIDTHS_MAX_CODE = 2048;

    /** How the residuals are entropy-coded. */
    enum Coder {
        /**
         * Context-modelled binary arithmetic coding: what level 1 and {@code near-lossless} wrote before
         * {@link #RANS}, about 0.6% larger and three times slower. No level writes it now; it stays to read those
         * payloads, and to make them in tests.
         */
        MODELLED,
        /** Adaptive Golomb–Rice bits: the fastest. */
        RICE,
        /** rANS-coded symbols under adaptive 16-symbol distributions ({@link RansResiduals}): small and fast. */
        RANS,
        /**
         * {@link #RANS} with each residual's sign bit coded under the frame's code widths ({@link CodeWidths}) where
         * the frame allows it: the smallest, and the slowest of the rANS coders.
         */
        RANS_WIDTHS,
        /**
         * {@link #RANS_WIDTHS} with the symbols that stand for one or two codes weighed by those codes' widths
         * ({@link CodeWidths#weigh}): smaller again, and slower.
         */
        RANS_WEIGHED;

        boolean rans() {
            return this == RANS || widths();
        }

        boolean widths() {
            return this == RANS_WIDTHS || this == RANS_WEIGHED;
        }
    }

    private PredictiveCoder() {
    }

    static byte[] encode(short[] samples, int offset, int count, int bound, Coder coder) {
        FrameScratch scratch = FrameScratch.ofThread();
        int[] codes = scratch.codes(count);
        Grid grid = Grid.detect(samples, offset, count, codes, scratch.grid);
        int order = Predictor.choose(codes, count, grid.maxCode());
        if (coder != Coder.RICE && order == 1) {
            order = Predictor.LMS; // about 1% smaller lossless, 2.5% near-lossless on dev/; too slow for Rice's level
        }
        boolean widths = coder.widths() && order == Predictor.LMS && bound == 0 && !grid.isIdentity()
                && grid.maxCode() <= WIDTHS_MAX_CODE;
        boolean weighed = widths && coder == Coder.RANS_WEIGHED;
        // Under the code widths rANS takes LMS residuals in its own loop (it needs the predictions); other rANS LMS
        // frames take them first, the halves interleaved, and the other coders and predictors in one sequence.
        boolean halves = coder.rans() && order == Predictor.LMS && !widths;
        boolean fused = coder.rans() && order == Predictor.LMS && !halves;
        int[] residuals;
        if (fused) {
            residuals = codes;
        } else if (halves) {
            residuals = scratch.residuals(count);
            LmsPredictor.residualsInterleaved(codes, count, bound, grid.maxCode(), residuals);
        } else {
            residuals = residuals(codes, count, order, bound, grid.maxCode(), scratch.residuals(count));
        }
        byte[] stream;
        boolean compact = coder != Coder.MODELLED && !grid.isIdentity() && compactIsSmaller(grid);
        if (coder.rans()) {
            byte[] gridBytes = new byte[0];
            if (!grid.isIdentity()) {
                BitWriter gridBits = new BitWriter(64);
                writeGrid(grid, compact, gridBits);
                gridBytes = gridBits.finish();
            }
            RansResiduals.Prediction prediction = fused
                    ? RansResiduals.Prediction.lms(bound, grid.maxCode(), widths, weighed)
                    : halves ? RansResiduals.Prediction.HALVES : RansResiduals.Prediction.NONE;
            stream = RansResiduals.encode(residuals, count, prediction, gridBytes, scratch);
        } else if (coder == Coder.RICE) {
            BitWriter out = new BitWriter(count);
            if (!grid.isIdentity()) {
                writeGrid(grid, compact, out);
            }
            RiceResiduals.encode(out, residuals, count);
            stream = out.finish();
        } else {
            RangeEncoder rc = new RangeEncoder();
            if (!grid.isIdentity()) {
                grid.write(Grid.sink(rc));
            }
            ResidualModel model = new ResidualModel();
            for (int t = 0; t < count; t++) {
                model.encode(rc, residuals[t]);
            }
            stream = rc.finish();
        }
        if (stream.length > 2 * count) {
            return stored(samples, offset, count, bound);
        }
        byte[] payload = new byte[HEADER_BYTES + stream.length];
        payload[0] = FORMAT_VERSION;
        payload[1] = (byte) (order | (grid.isIdentity() ? 0 : GRID) | (coder == Coder.RICE ? RICE : 0)
                | (coder.rans() ? RANS : 0) | (compact ? COMPACT_GRID : 0) | (widths ? CODE_WIDTHS : 0)
                | (weighed ? WEIGHED_SYMBOLS : 0));
        payload[2] = (byte) bound;
        System.arraycopy(stream, 0, payload, HEADER_BYTES, stream.length);
        return payload;
    }

    /** Whether {@link Grid#writeCompact} takes no more bytes than {@link Grid#write} (on N1 grids, less than half). */
    private static boolean compactIsSmaller(Grid grid) {
        BitWriter plain = new BitWriter(64);
        grid.write(Grid.sink(plain));
        BitWriter compact = new BitWriter(64);
        grid.writeCompact(Grid.sink(compact));
        return compact.finish().length <= plain.finish().length;
    }

    private static void writeGrid(Grid grid, boolean compact, BitWriter out) {
        if (compact) {
            grid.writeCompact(Grid.sink(out));
        } else {
            grid.write(Grid.sink(out));
        }
    }

    private static Grid readGrid(int mode, BitReader in, int count) throws CodecException {
        return (mode & COMPACT_GRID) != 0 ? Grid.readCompact(Grid.source(in), count)
                : Grid.read(Grid.source(in), count);
    }

    /** The zigzagged (quantised) prediction residuals, predicting from the codes the decoder will have. */
    private static int[] residuals(int[] codes, int count, int order, int bound, int maxCode, int[] residuals) {
        if (order == Predictor.LMS) {
            LmsPredictor.residuals(codes, count, bound, maxCode, residuals);
            return residuals;
        }
        StepQuantiser quantiser = new StepQuantiser(bound);
        Predictor predictor = new Predictor(order, maxCode);
        for (int t = 0; t < count; t++) {
            int prediction = predictor.next();
            int error = codes[t] - prediction;
            int reconstructed = codes[t];
            if (bound > 0) {
                error = quantiser.quantise(error);
                reconstructed = Math.max(0, Math.min(maxCode, prediction + error * quantiser.width()));
            }
            residuals[t] = error << 1 ^ error >> 31;
            predictor.accept(reconstructed);
        }
        return residuals;
    }

    /** The samples as they are, when modelling would expand them (white noise at full scale): 3 bytes more. */
    private static byte[] stored(short[] samples, int offset, int count, int bound) {
        byte[] payload = new byte[HEADER_BYTES + 2 * count];
        payload[0] = FORMAT_VERSION;
        payload[1] = (byte) STORED;
        payload[2] = (byte) bound;
        for (int i = 0; i < count; i++) {
            short s = samples[offset + i];
            payload[HEADER_BYTES + 2 * i] = (byte) s;
            payload[HEADER_BYTES + 2 * i + 1] = (byte) (s >> 8);
        }
        return payload;
    }

    /** The largest value difference one grid step makes on these samples (1 without a grid). */
    static int stepBound(short[] samples, int offset, int count) {
        FrameScratch scratch = FrameScratch.ofThread();
        return Grid.detect(samples, offset, count, scratch.codes(count), scratch.grid).stepBound();
    }

    static short[] decode(byte[] payload, int count, int bound) throws CodecException {
        if (payload.length < HEADER_BYTES) {
            throw new CodecException("lossless payload of " + payload.length + " bytes, shorter than its "
                    + HEADER_BYTES + "-byte header");
        }
        int version = payload[0] & 0xFF;
        if (version != FORMAT_VERSION && version != VERSION_IN_ORDER) {
            throw new CodecException("lossless payload version " + version + " (this build reads " + VERSION_IN_ORDER
                    + " and " + FORMAT_VERSION + ")");
        }
        int mode = payload[1] & 0xFF;
        if ((payload[2] & 0xFF) != bound) {
            throw new CodecException("lossless payload bound " + (payload[2] & 0xFF) + " does not match its level's "
                    + bound);
        }
        if (mode == STORED) {
            return stored(payload, count);
        }
        int order = mode & ORDER_MASK;
        if ((mode & ~(ORDER_MASK | GRID | RICE | RANS | COMPACT_GRID | CODE_WIDTHS | WEIGHED_SYMBOLS)) != 0
                || (mode & WEIGHED_SYMBOLS) != 0 && (mode & CODE_WIDTHS) == 0
                || (mode & (RICE | RANS)) == (RICE | RANS)
                || (mode & COMPACT_GRID) != 0 && ((mode & GRID) == 0 || (mode & (RICE | RANS)) == 0)
                || (mode & CODE_WIDTHS) != 0 && ((mode & (GRID | RANS)) != (GRID | RANS) || order != Predictor.LMS
                        || bound != 0)) {
            throw new CodecException("lossless payload mode 0x" + Integer.toHexString(mode) + " is not defined");
        }
        FrameScratch scratch = FrameScratch.ofThread();
        int[] residuals = scratch.residuals(count);
        if ((mode & RANS) != 0) {
            return decodeRans(payload, version, mode, count, bound, order, residuals, scratch);
        }
        Grid grid;
        if ((mode & RICE) != 0) {
            BitReader in = new BitReader(payload, HEADER_BYTES);
            grid = (mode & GRID) != 0 ? readGrid(mode, in, count) : Grid.identity();
            RiceResiduals.decode(in, residuals, count);
        } else {
            // A cut payload decodes to some samples (the range decoder reads zeros past the end); the frame's
            // CRC-32C is what refuses it.
            RangeDecoder rc = new RangeDecoder(payload, HEADER_BYTES);
            grid = (mode & GRID) != 0 ? Grid.read(Grid.source(rc), count) : Grid.identity();
            ResidualModel model = new ResidualModel();
            for (int t = 0; t < count; t++) {
                residuals[t] = model.decode(rc);
            }
        }
        return reconstruct(residuals, count, order, bound, grid);
    }

    /**
     * Reads a rANS payload's grid and decodes its samples: straight from the coder's loop under LMS, else from the
     * residuals it decodes into {@code residuals}.
     */
    private static short[] decodeRans(byte[] payload, int version, int mode, int count, int bound, int order,
            int[] residuals, FrameScratch scratch) throws CodecException {
        int start = HEADER_BYTES + RansResiduals.LENGTH_BYTES;
        if (payload.length < start) {
            throw new CodecException("lossless rANS payload of " + payload.length + " bytes, shorter than its "
                    + start + "-byte header");
        }
        long length = 0;
        for (int i = 0; i < RansResiduals.LENGTH_BYTES; i++) {
            length = length << 8 | payload[HEADER_BYTES + i] & 0xFF;
        }
        if (start + length > payload.length) {
            throw new CodecException("lossless rANS stream of " + length + " bytes does not fit a payload of "
                    + payload.length + " bytes");
        }
        int end = (int) (start + length);
        Grid grid = Grid.identity();
        int bitsStart = end;
        if ((mode & GRID) != 0) {
            BitReader gridBits = new BitReader(payload, end);
            grid = readGrid(mode, gridBits, count);
            bitsStart = gridBits.bytePosition();
        }
        RansResiduals.Streams streams = new RansResiduals.Streams(payload, start, end, bitsStart, payload.length);
        boolean widths = (mode & CODE_WIDTHS) != 0;
        if (order == Predictor.LMS && version == FORMAT_VERSION && !widths) {
            // Two passes: the residuals, the halves interleaved (two running means to decode at once), then the LMS.
            RansResiduals.decode(streams, residuals, count, RansResiduals.Prediction.HALVES, scratch);
            short[] samples = new short[count];
            LmsPredictor.decodeInterleaved(residuals, count, bound, grid.maxCode(), grid.valueTable(), samples);
            return samples;
        }
        if (order == Predictor.LMS) {
            boolean weighed = (mode & WEIGHED_SYMBOLS) != 0;
            if (widths && grid.maxCode() > WIDTHS_MAX_CODE) {
                throw new CodecException("lossless payload models sign bits by code widths on a grid of "
                        + (grid.maxCode() + 1) + " codes (at most " + (WIDTHS_MAX_CODE + 1) + ")");
            }
            short[] samples = new short[count];
            RansResiduals.decodeSamples(streams, samples, grid.valueTable(), count,
                    RansResiduals.Prediction.lms(bound, grid.maxCode(), widths, weighed), scratch);
            return samples;
        }
        RansResiduals.decode(streams, residuals, count, RansResiduals.Prediction.NONE, scratch);
        return reconstruct(residuals, count, order, bound, grid);
    }

    private static short[] reconstruct(int[] residuals, int count, int order, int bound, Grid grid)
            throws CodecException {
        int maxCode = grid.maxCode();
        int width = 2 * bound + 1;
        int[] codes = residuals; // each residual is read before its code is written
        if (order == Predictor.LMS) {
            LmsPredictor.reconstruct(residuals, count, bound, maxCode, codes);
        } else {
            Predictor predictor = new Predictor(order, maxCode);
            for (int t = 0; t < count; t++) {
                codes[t] = Predictor.code(predictor.next(), residuals[t], width, maxCode, t);
                predictor.accept(codes[t]);
            }
        }
        return values(codes, count, grid);
    }

    private static short[] values(int[] codes, int count, Grid grid) {
        short[] out = new short[count];
        for (int t = 0; t < count; t++) {
            out[t] = grid.value(codes[t]);
        }
        return out;
    }

    private static short[] stored(byte[] payload, int count) throws CodecException {
        if (payload.length != HEADER_BYTES + 2 * count) {
            throw new CodecException("stored lossless payload of " + payload.length + " bytes for " + count
                    + " samples (expected " + (HEADER_BYTES + 2 * count) + ")");
        }
        short[] out = new short[count];
        for (int i = 0; i < count; i++) {
            out[i] = (short) (payload[HEADER_BYTES + 2 * i] & 0xFF | payload[HEADER_BYTES + 2 * i + 1] << 8);
        }
        return out;
    }
}
