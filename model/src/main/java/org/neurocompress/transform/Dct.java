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
        // v = (x0, x2, x4, ..., x5, x3, x1); packed as z[j] = v[2j] + i v[2j+1]. The loops are split where their
        // index conditions change, so the per-sample work has no branches and no division.
        int quarter = m / 2;
        for (int j = 0; j < quarter; j++) {
            re[j] = x[4 * j];
            im[j] = x[4 * j + 2];
        }
        for (int j = quarter; j < m; j++) {
            re[j] = x[2 * n - 4 * j - 1];
            im[j] = x[2 * n - 4 * j - 3];
        }
        fft.transform(re, im, false);
        // V[k] = E[k] + W^k O[k] for k = 0..m, E and O the spectra of v's even and odd samples.
        halfSpectrum(0, 0, 0, halfCos[0], -halfSin[0]);
        for (int k = 1; k < m; k++) {
            halfSpectrum(k, k, m - k, halfCos[k], -halfSin[k]);
        }
        halfSpectrum(m, 0, 0, -1, 0);
        // Re(e^{-i pi k / 2n} V[k]), with V[n-k] = conj(V[k]) for a real sequence.
        out[0] = (vRe[0] * shiftCos[0] + vIm[0] * shiftSin[0]) * scale0;
        for (int k = 1; k <= m; k++) {
            out[k] = (vRe[k] * shiftCos[k] + vIm[k] * shiftSin[k]) * scale;
        }
        for (int k = m + 1; k < n; k++) {
            out[k] = (vRe[n - k] * shiftCos[k] + -vIm[n - k] * shiftSin[k]) * scale;
        }
    }

    /** V[k] from the packed spectrum's bins a = k mod m and b = (m - k) mod m and the twiddle W^k. */
    private void halfSpectrum(int k, int a, int b, double wRe, double wIm) {
        double eRe = (re[a] + re[b]) / 2;
        double eIm = (im[a] - im[b]) / 2;
        double oRe = (im[a] + im[b]) / 2;
        double oIm = -(re[a] - re[b]) / 2;
        vRe[k] = eRe + wRe * oRe - wIm * oIm;
        vIm[k] = eIm + wRe * oIm + wIm * oRe;
    }

    public void inverse(double[] coefficients, double[] out) {
        unscaled[0] = coefficients[0] / scale0;
        for (int k = 1; k < n; k++) {
            unscaled[k] = coefficients[k] / scale;
        }
        // V[0] = C[0] (no mirror), V[k] = e^{i pi k / 2n} (C[k] - i C[n-k]); each step takes k and k + m.
        double zeroRe = unscaled[0] * shiftCos[0] + 0 * shiftSin[0];
        double zeroIm = unscaled[0] * shiftSin[0] - 0 * shiftCos[0];
        packHalves(0, zeroRe, zeroIm);
        for (int k = 1; k < m; k++) {
            packHalves(k, unscaled[k] * shiftCos[k] + unscaled[n - k] * shiftSin[k],
                    unscaled[k] * shiftSin[k] - unscaled[n - k] * shiftCos[k]);
        }
        fft.transform(re, im, true);
        // m is a power of two: multiplying by 1/m gives exactly the quotient.
        int quarter = m / 2;
        for (int j = 0; j < quarter; j++) {
            out[4 * j] = re[j] * inverseM;
            out[4 * j + 2] = im[j] * inverseM;
        }
        for (int j = quarter; j < m; j++) {
            out[2 * n - 4 * j - 1] = re[j] * inverseM;
            out[2 * n - 4 * j - 3] = im[j] * inverseM;
        }
    }

    /** Z[k] = E[k] + i O[k] from V[k] (given) and V[k + m], with O[k] = (V[k] - V[k+m]) / 2 e^{2 pi i k / n}. */
    private void packHalves(int k, double lowRe, double lowIm) {
        int h = k + m;
        double highRe = unscaled[h] * shiftCos[h] + unscaled[n - h] * shiftSin[h];
        double highIm = unscaled[h] * shiftSin[h] - unscaled[n - h] * shiftCos[h];
        double eRe = (lowRe + highRe) / 2;
        double eIm = (lowIm + highIm) / 2;
        double dRe = (lowRe - highRe) / 2;
        double dIm = (lowIm - highIm) / 2;
        double oRe = dRe * halfCos[k] - dIm * halfSin[k];
        double oIm = dRe * halfSin[k] + dIm * halfCos[k];
        re[k] = eRe - oIm;
        im[k] = eIm + oRe;
    }
}
