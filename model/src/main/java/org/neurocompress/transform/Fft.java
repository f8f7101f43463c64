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
        int stages = stageCos.length;
        int s = 0;
        for (; s + 1 < stages; s += 2) {
            twoStages(re, im, s, sines[s], sines[s + 1]);
        }
        if (s < stages) {
            oneStage(re, im, s, sines[s]);
        }
    }

    private void oneStage(double[] re, double[] im, int s, double[] signedSines) {
        double[] cosines = stageCos[s];
        int half = 1 << s;
        int size = 2 * half;
        for (int start = 0; start < n; start += size) {
            for (int k = 0; k < half; k++) {
                butterfly(re, im, start + k, start + k + half, cosines[k], signedSines[k]);
            }
        }
    }

    /**
     * Stages s and s + 1 in one pass: each group of four values is loaded once, goes through its two butterflies of
     * stage s and its two of stage s + 1 in registers, and is stored once; each twiddle is loaded once. Every
     * butterfly computes what it computed one stage at a time, with the same operations (butterflies of a stage touch
     * disjoint pairs, so their order does not matter): the result is the same to the bit, with half the memory
     * traffic.
     */
    private void twoStages(double[] re, double[] im, int s, double[] firstSines, double[] secondSines) {
        double[] firstCos = stageCos[s];
        double[] secondCos = stageCos[s + 1];
        int h = 1 << s;
        int size = 4 * h;
        for (int k = 0; k < h; k++) {
            double wr = firstCos[k];
            double wi = firstSines[k];
            double ur = secondCos[k];
            double ui = secondSines[k];
            double vr = secondCos[k + h];
            double vi = secondSines[k + h];
            for (int i0 = k; i0 < n; i0 += size) {
                int i1 = i0 + h;
                int i2 = i1 + h;
                int i3 = i2 + h;
                double r0 = re[i0];
                double m0 = im[i0];
                double r1 = re[i1];
                double m1 = im[i1];
                double xr = r1 * wr - m1 * wi;
                double xi = r1 * wi + m1 * wr;
                double a0r = r0 + xr;
                double a0i = m0 + xi;
                double a1r = r0 - xr;
                double a1i = m0 - xi;
                double r2 = re[i2];
                double m2 = im[i2];
                double r3 = re[i3];
                double m3 = im[i3];
                xr = r3 * wr - m3 * wi;
                xi = r3 * wi + m3 * wr;
                double a2r = r2 + xr;
                double a2i = m2 + xi;
                double a3r = r2 - xr;
                double a3i = m2 - xi;
                xr = a2r * ur - a2i * ui;
                xi = a2r * ui + a2i * ur;
                re[i0] = a0r + xr;
                im[i0] = a0i + xi;
                re[i2] = a0r - xr;
                im[i2] = a0i - xi;
                xr = a3r * vr - a3i * vi;
                xi = a3r * vi + a3i * vr;
                re[i1] = a1r + xr;
                im[i1] = a1i + xi;
                re[i3] = a1r - xr;
                im[i3] = a1i - xi;
            }
        }
    }
}
