package org.neurocompress.transform;

/**
 * Orthonormal DCT-II and its inverse for one power-of-two size, computed through an n-point FFT (Makhoul's
 * reordering), so a 1024-sample block costs O(n log n) rather than n^2 multiplications. Not thread-safe: it owns
 * its scratch arrays.
 */
public final class Dct {
    private final int n;
    private final Fft fft;
    private final double[] twiddleCos;
    private final double[] twiddleSin;
    private final double[] re;
    private final double[] im;
    private final double scale0;
    private final double scale;

    public Dct(int n) {
        this.n = n;
        this.fft = new Fft(n);
        twiddleCos = new double[n];
        twiddleSin = new double[n];
        for (int k = 0; k < n; k++) {
            twiddleCos[k] = StrictMath.cos(Math.PI * k / (2.0 * n));
            twiddleSin[k] = StrictMath.sin(Math.PI * k / (2.0 * n));
        }
        re = new double[n];
        im = new double[n];
        scale0 = Math.sqrt(1.0 / n);
        scale = Math.sqrt(2.0 / n);
    }

    public int size() {
        return n;
    }

    public void forward(double[] x, double[] out) {
        for (int i = 0; i < n / 2; i++) {
            re[i] = x[2 * i];
            re[n - 1 - i] = x[2 * i + 1];
        }
        java.util.Arrays.fill(im, 0);
        fft.transform(re, im, false);
        for (int k = 0; k < n; k++) {
            // Re(e^{-i pi k / 2n} V[k])
            double value = re[k] * twiddleCos[k] + im[k] * twiddleSin[k];
            out[k] = value * (k == 0 ? scale0 : scale);
        }
    }

    public void inverse(double[] coefficients, double[] out) {
        for (int k = 0; k < n; k++) {
            double c = coefficients[k] / (k == 0 ? scale0 : scale);
            double cMirror = k == 0 ? 0 : coefficients[n - k] / scale;
            // V[k] = e^{i pi k / 2n} (C[k] - i C[n-k])
            re[k] = c * twiddleCos[k] + cMirror * twiddleSin[k];
            im[k] = c * twiddleSin[k] - cMirror * twiddleCos[k];
        }
        fft.transform(re, im, true);
        for (int i = 0; i < n / 2; i++) {
            out[2 * i] = re[i] / n;
            out[2 * i + 1] = re[n - 1 - i] / n;
        }
    }
}
