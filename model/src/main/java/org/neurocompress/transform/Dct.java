package org.neurocompress.transform;

/**
 * Orthonormal DCT-II and its inverse for one power-of-two size, computed through a complex FFT of half the size
 * (Makhoul's reordering, the real-input FFT packed into a complex one), so a 1024-sample block costs a 512-point
 * FFT. Twiddles come from StrictMath, so the results are the same on every machine. Not thread-safe: it owns its
 * scratch arrays.
 */
public final class Dct {
    private final int n;
    private final int m;
    private final Fft fft;
    /** e^{-i pi k / 2n}, k = 0..n-1. */
    private final double[] shiftCos;
    private final double[] shiftSin;
    /** e^{-2 pi i k / n}, k = 0..m-1. */
    private final double[] halfCos;
    private final double[] halfSin;
    private final double[] re;
    private final double[] im;
    private final double[] vRe;
    private final double[] vIm;
    /** The coefficients over their scale, each divided once (the inverse needs every one twice). */
    private final double[] unscaled;
    private final double scale0;
    private final double scale;
    private final double inverseM;

    public Dct(int n) {
        if (n < 4 || Integer.bitCount(n) != 1) {
            throw new IllegalArgumentException("DCT size must be a power of two of at least 4, got " + n);
        }
        this.n = n;
        this.m = n / 2;
        this.fft = new Fft(m);
        shiftCos = new double[n];
        shiftSin = new double[n];
        for (int k = 0; k < n; k++) {
            shiftCos[k] = StrictMath.cos(Math.PI * k / (2.0 * n));
            shiftSin[k] = StrictMath.sin(Math.PI * k / (2.0 * n));
        }
        halfCos = new double[m];
        halfSin = new double[m];
        for (int k = 0; k < m; k++) {
            halfCos[k] = StrictMath.cos(2 * Math.PI * k / n);
            halfSin[k] = StrictMath.sin(2 * Math.PI * k / n);
        }
        re = new double[m];
        im = new double[m];
        vRe = new double[m + 1];
        vIm = new double[m + 1];
        unscaled = new double[n];
        scale0 = Math.sqrt(1.0 / n);
        scale = Math.sqrt(2.0 / n);
        inverseM = 1.0 / m;
    }

    public int size() {
        return n;
    }

    public void forward(double[] x, double[] out) {
        // v = (x0, x2, x4, ..., x5, x3, x1); packed as z[j] = v[2j] + i v[2j+1].
        for (int j = 0; j < m; j++) {
            int a = 2 * j;
            int b = 2 * j + 1;
            re[j] = a < m ? x[2 * a] : x[2 * (n - 1 - a) + 1];
            im[j] = b < m ? x[2 * b] : x[2 * (n - 1 - b) + 1];
        }
        fft.transform(re, im, false);
        // V[k] = E[k] + W^k O[k] for k = 0..m, E and O the spectra of v's even and odd samples.
        for (int k = 0; k <= m; k++) {
            int a = k % m;
            int b = (m - k) % m;
            double eRe = (re[a] + re[b]) / 2;
            double eIm = (im[a] - im[b]) / 2;
            double oRe = (im[a] + im[b]) / 2;
            double oIm = -(re[a] - re[b]) / 2;
            double wRe = k < m ? halfCos[k] : -1;
            double wIm = k < m ? -halfSin[k] : 0;
            vRe[k] = eRe + wRe * oRe - wIm * oIm;
            vIm[k] = eIm + wRe * oIm + wIm * oRe;
        }
        for (int k = 0; k < n; k++) {
            // V[n-k] = conj(V[k]) for a real sequence.
            double vr = k <= m ? vRe[k] : vRe[n - k];
            double vi = k <= m ? vIm[k] : -vIm[n - k];
            // Re(e^{-i pi k / 2n} V[k])
            out[k] = (vr * shiftCos[k] + vi * shiftSin[k]) * (k == 0 ? scale0 : scale);
        }
    }

    public void inverse(double[] coefficients, double[] out) {
        unscaled[0] = coefficients[0] / scale0;
        for (int k = 1; k < n; k++) {
            unscaled[k] = coefficients[k] / scale;
        }
        for (int k = 0; k < m; k++) {
            // V[k] = e^{i pi k / 2n} (C[k] - i C[n-k]), and the same for k + m.
            double lowRe = spectrumRe(k);
            double lowIm = spectrumIm(k);
            double highRe = spectrumRe(k + m);
            double highIm = spectrumIm(k + m);
            double eRe = (lowRe + highRe) / 2;
            double eIm = (lowIm + highIm) / 2;
            // O[k] = (V[k] - V[k+m]) / 2 e^{2 pi i k / n}
            double dRe = (lowRe - highRe) / 2;
            double dIm = (lowIm - highIm) / 2;
            double oRe = dRe * halfCos[k] - dIm * halfSin[k];
            double oIm = dRe * halfSin[k] + dIm * halfCos[k];
            // Z = E + i O
            re[k] = eRe - oIm;
            im[k] = eIm + oRe;
        }
        fft.transform(re, im, true);
        for (int j = 0; j < m; j++) {
            // m is a power of two: multiplying by 1/m gives exactly the quotient.
            double even = re[j] * inverseM;
            double odd = im[j] * inverseM;
            int a = 2 * j;
            int b = 2 * j + 1;
            if (a < m) {
                out[2 * a] = even;
            } else {
                out[2 * (n - 1 - a) + 1] = even;
            }
            if (b < m) {
                out[2 * b] = odd;
            } else {
                out[2 * (n - 1 - b) + 1] = odd;
            }
        }
    }

    private double spectrumRe(int k) {
        double mirror = k == 0 ? 0 : unscaled[n - k];
        return unscaled[k] * shiftCos[k] + mirror * shiftSin[k];
    }

    private double spectrumIm(int k) {
        double mirror = k == 0 ? 0 : unscaled[n - k];
        return unscaled[k] * shiftSin[k] - mirror * shiftCos[k];
    }
}
