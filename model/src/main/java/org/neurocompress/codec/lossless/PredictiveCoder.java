package org.neurocompress.codec.lossless;

import org.neurocompress.codec.CodecException;
import org.neurocompress.entropy.RangeDecoder;
import org.neurocompress.entropy.RangeEncoder;

/**
 * The payload of {@code lossless} and {@code near-lossless} (docs/formats.md, "lossless payload v1"): the frame's
 * grid, a fixed polynomial predictor chosen per frame, and the prediction residuals, coded either under
 * {@link ResidualModel} (arithmetic coding, smallest) or by {@link RiceResiduals} (bit-packed, fastest). With a bound
 * k > 0 the residuals are quantised in steps of 2k + 1 codes inside the prediction loop (DPCM, as in JPEG-LS's
 * near-lossless mode), so every decoded code is within k of the original by construction.
 */
final class PredictiveCoder {
    static final int FORMAT_VERSION = 1;
    static final int HEADER_BYTES = 3;
    private static final int ORDER_MASK = 3;
    private static final int GRID = 1 << 2;
    private static final int STORED = 1 << 3;
    private static final int RICE = 1 << 4;

    private static final ThreadLocal<Grid.Scratch> SCRATCH = ThreadLocal.withInitial(Grid.Scratch::new);

    /** How the residuals are entropy-coded. */
    enum Coder {
        /** Context-modelled arithmetic coding: the smallest payloads. */
        MODELLED,
        /** Adaptive Golomb–Rice bits: the fastest. */
        RICE
    }

    private PredictiveCoder() {
    }

    static byte[] encode(short[] samples, int offset, int count, int bound, Coder coder) {
        int[] codes = new int[count];
        Grid grid = Grid.detect(samples, offset, count, codes, SCRATCH.get());
        int order = Predictor.choose(codes, count, grid.maxCode());
        if (coder == Coder.MODELLED && order == 1) {
            order = Predictor.LMS; // about 1% smaller lossless, 2.5% near-lossless on dev/; too slow for Rice's level
        }
        int[] residuals = residuals(codes, count, order, bound, grid.maxCode());
        byte[] stream;
        if (coder == Coder.RICE) {
            BitWriter out = new BitWriter(count);
            if (!grid.isIdentity()) {
                grid.write(Grid.sink(out));
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
        payload[1] = (byte) (order | (grid.isIdentity() ? 0 : GRID) | (coder == Coder.RICE ? RICE : 0));
        payload[2] = (byte) bound;
        System.arraycopy(stream, 0, payload, HEADER_BYTES, stream.length);
        return payload;
    }

    /** The zigzagged (quantised) prediction residuals, predicting from the codes the decoder will have. */
    private static int[] residuals(int[] codes, int count, int order, int bound, int maxCode) {
        int[] residuals = new int[count];
        int width = 2 * bound + 1;
        Predictor predictor = new Predictor(order, maxCode);
        for (int t = 0; t < count; t++) {
            int prediction = predictor.next();
            int error = codes[t] - prediction;
            int reconstructed = codes[t];
            if (bound > 0) {
                error = error >= 0 ? (error + bound) / width : -((bound - error) / width);
                reconstructed = Math.max(0, Math.min(maxCode, prediction + error * width));
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
        return Grid.detect(samples, offset, count, new int[count], SCRATCH.get()).stepBound();
    }

    static short[] decode(byte[] payload, int count, int bound) throws CodecException {
        if (payload.length < HEADER_BYTES) {
            throw new CodecException("lossless payload of " + payload.length + " bytes, shorter than its "
                    + HEADER_BYTES + "-byte header");
        }
        if (payload[0] != FORMAT_VERSION) {
            throw new CodecException("lossless payload version " + (payload[0] & 0xFF) + " (this build reads "
                    + FORMAT_VERSION + ")");
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
        if ((mode & ~(ORDER_MASK | GRID | RICE)) != 0) {
            throw new CodecException("lossless payload mode 0x" + Integer.toHexString(mode) + " is not defined");
        }
        int[] residuals = new int[count];
        Grid grid;
        if ((mode & RICE) != 0) {
            BitReader in = new BitReader(payload, HEADER_BYTES);
            grid = (mode & GRID) != 0 ? Grid.read(Grid.source(in), count) : Grid.identity();
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

    private static short[] reconstruct(int[] residuals, int count, int order, int bound, Grid grid)
            throws CodecException {
        int maxCode = grid.maxCode();
        int width = 2 * bound + 1;
        short[] out = new short[count];
        Predictor predictor = new Predictor(order, maxCode);
        for (int t = 0; t < count; t++) {
            int prediction = predictor.next();
            int u = residuals[t];
            int code = prediction + (u >>> 1 ^ -(u & 1)) * width;
            if (bound == 0) {
                if (code < 0 || code > maxCode) {
                    throw new CodecException("lossless payload decodes to code " + code + " at sample " + t
                            + ", outside its grid [0, " + maxCode + "]");
                }
            } else {
                code = Math.max(0, Math.min(maxCode, code));
            }
            out[t] = grid.value(code);
            predictor.accept(code);
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
