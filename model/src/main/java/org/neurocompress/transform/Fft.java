package org.neurocompress.transform;

/** In-place iterative radix-2 complex FFT of one fixed power-of-two size, with precomputed twiddles (StrictMath:
 * the same on every machine, so decoders that use it decode the same samples everywhere). */
final class Fft {
    /** Stages with fewer twiddles than this run twiddle by twiddle. */
    private static final int SHORT_STAGE = 8;
    private final int n;
    private final int[] bitReversed;
    /**
     * Twiddles per stage, contiguous: stage s (butterflies of size 2^(s+1)) uses e^(-+2 pi i k / 2^(s+1)). The same
     * values as one table read with a stride, laid out so the large stages stream through memory.
     */
    private final double[][] stageCos;
    private final double[][] stageSin;
    private final double[][] stageMinusSin;

    Fft(int n) {
        if (n < 2 || Integer.bitCount(n) != 1) {
            throw new IllegalArgumentException("FFT size must be a power of two, got " + n);
        }
        this.n = n;
        int bits = Integer.numberOfTrailingZeros(n);
        bitReversed = new int[n];
        for (int i = 0; i < n; i++) {
            bitReversed[i] = Integer.reverse(i) >>> (32 - bits);
        }
        double[] cos = new double[n / 2];
        double[] sin = new double[n / 2];
        for (int i = 0; i < n / 2; i++) {
            cos[i] = StrictMath.cos(2 * Math.PI * i / n);
            sin[i] = StrictMath.sin(2 * Math.PI * i / n);
        }
        stageCos = new double[bits][];
        stageSin = new double[bits][];
        stageMinusSin = new double[bits][];
        for (int s = 0; s < bits; s++) {
            int half = 1 << s;
            int step = n / (2 * half);
            stageCos[s] = new double[half];
            stageSin[s] = new double[half];
            stageMinusSin[s] = new double[half];
            for (int k = 0; k < half; k++) {
                stageCos[s][k] = cos[k * step];
                stageSin[s][k] = sin[k * step];
                stageMinusSin[s][k] = -sin[k * step];
            }
        }
    }

    private static void butterfly(double[] re, double[] im, int a, int b, double wr, double wi) {
        double xr = re[b] * wr - im[b] * wi;
        double xi = re[b] * wi + im[b] * wr;
        re[b] = re[a] - xr;
        im[b] = im[a] - xi;
        re[a] += xr;
        im[a] += xi;
    }

    /** Forward transform (sign -1) when {@code inverse} is false; the inverse is not scaled by 1/n. */
    void transform(double[] re, double[] im, boolean inverse) {
        for (int i = 0; i < n; i++) {
            int j = bitReversed[i];
            if (j > i) {
                double t = re[i];
                re[i] = re[j];
                re[j] = t;
                t = im[i];
                im[i] = im[j];
                im[j] = t;
            }
        }
        double[][] sines = inverse ? stageSin : stageMinusSin;
        for (int s = 0, half = 1; half < n; s++, half <<= 1) {
            double[] cosines = stageCos[s];
            double[] signedSines = sines[s];
            int size = 2 * half;
            if (half < SHORT_STAGE) {
                // Few twiddles, many groups: each twiddle is loaded once. Butterflies of a stage touch disjoint pairs,
                // so their order does not change a bit of the result.
                for (int k = 0; k < half; k++) {
                    double wr = cosines[k];
                    double wi = signedSines[k];
                    for (int a = k; a < n; a += size) {
                        butterfly(re, im, a, a + half, wr, wi);
                    }
                }
            } else {
                for (int start = 0; start < n; start += size) {
                    for (int k = 0; k < half; k++) {
                        butterfly(re, im, start + k, start + k + half, cosines[k], signedSines[k]);
                    }
                }
            }
        }
    }
}
