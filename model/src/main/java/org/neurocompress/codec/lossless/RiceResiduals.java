package org.neurocompress.codec.lossless;

import org.neurocompress.codec.CodecException;

/**
 * The fast level's residual code: plain adaptive Golomb–Rice, k from the same running mean as
 * {@link ResidualModel}, the quotient in unary (zeros then a one) and k remainder bits, no arithmetic coding. About
 * 2.5% larger on N1 recordings and several times faster.
 */
final class RiceResiduals {
    private static final int MAX_QUOTIENT = 24;
    private static final int ESCAPE_BITS = 20;

    private RiceResiduals() {
    }

    static void encode(BitWriter out, int[] u, int count) {
        int mean16 = ResidualModel.INITIAL_MEAN16;
        for (int t = 0; t < count; t++) {
            int v = u[t];
            int k = Math.min(ResidualModel.k(mean16) + 1, 16); // plain Rice: k about log2 of the mean
            int q = v >>> k;
            if (q < MAX_QUOTIENT && q + 1 + k <= 32) {
                out.write(1L << k | v & ((1L << k) - 1), q + 1 + k);
            } else if (q < MAX_QUOTIENT) {
                out.write(0, q);
                out.write(1L << k | v & ((1L << k) - 1), 1 + k);
            } else {
                out.write(0, MAX_QUOTIENT); // an escape: the largest run of zeros, its one, then the value
                out.write(1, 1);
                out.write(v, ESCAPE_BITS);
            }
            mean16 = ResidualModel.update(mean16, v);
        }
    }

    static void decode(BitReader in, int[] u, int count) throws CodecException {
        int mean16 = ResidualModel.INITIAL_MEAN16;
        for (int t = 0; t < count; t++) {
            int k = Math.min(ResidualModel.k(mean16) + 1, 16); // plain Rice: k about log2 of the mean
            int v;
            int q = in.readZeros(MAX_QUOTIENT);
            if (q < MAX_QUOTIENT) {
                v = q << k | in.read(k);
            } else {
                v = in.read(ESCAPE_BITS);
            }
            u[t] = v;
            mean16 = ResidualModel.update(mean16, v);
        }
    }
}
