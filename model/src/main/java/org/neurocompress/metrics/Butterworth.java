package org.neurocompress.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * Digital Butterworth filters as second-order sections, designed as scipy.signal.butter designs them (analog
 * prototype, frequency pre-warping, low-pass to band-pass transform, bilinear transform), and applied either zero
 * phase (forward and backward, with scipy.signal.sosfiltfilt's odd extension and steady-state initial conditions)
 * or causally. Coefficients per section: b0, b1, b2, a0 = 1, a1, a2.
 */
public final class Butterworth {
    private final double[][] sections;
    private final Recurrence[] recurrences;

    private Butterworth(double[][] sections) {
        this.sections = sections;
        this.recurrences = new Recurrence[sections.length];
        for (int s = 0; s < sections.length; s++) {
            recurrences[s] = Recurrence.of(sections[s]);
        }
    }

    /** A band-pass of the given order (each band edge's roll-off; the filter has 2 x order poles). */
    public static Butterworth bandPass(int order, double lowHz, double highHz, double sampleRate) {
        if (!(lowHz > 0 && highHz > lowHz && highHz < sampleRate / 2)) {
            throw new IllegalArgumentException("band " + lowHz + "-" + highHz + " Hz does not fit a sample rate of "
                    + sampleRate + " Hz");
        }
        double w1 = warp(lowHz, sampleRate);
        double w2 = warp(highHz, sampleRate);
        double bw = w2 - w1;
        double wo2 = w1 * w2;
        List<double[]> poles = new ArrayList<>(); // complex, (re, im)
        for (double[] p : prototype(order)) {
            double[] lp = {p[0] * bw / 2, p[1] * bw / 2};
            double[] root = sqrt(sub(mul(lp, lp), new double[] {wo2, 0}));
            poles.add(add(lp, root));
            poles.add(sub(lp, root));
        }
        // order zeros at s = 0 and gain bw^order: after the bilinear transform, order zeros at +1 and order at -1.
        double gain = Math.pow(bw, order);
        double[] gainProducts = {1, 0};
        List<double[]> digitalPoles = new ArrayList<>();
        for (double[] p : poles) {
            digitalPoles.add(bilinear(p));
            gainProducts = mul(gainProducts, sub(new double[] {4, 0}, p));
        }
        // k_z = k * prod(fs2 - z) / prod(fs2 - p) with fs2 = 4 and the order zeros at s = 0.
        gain *= Math.pow(4, order) * div(new double[] {1, 0}, gainProducts)[0];
        double[][] sos = pairConjugates(digitalPoles, true);
        sos[0][0] *= gain;
        sos[0][1] *= gain;
        sos[0][2] *= gain;
        return new Butterworth(sos);
    }

    /** A low-pass of the given order. */
    public static Butterworth lowPass(int order, double cutoffHz, double sampleRate) {
        if (!(cutoffHz > 0 && cutoffHz < sampleRate / 2)) {
            throw new IllegalArgumentException("cut-off " + cutoffHz + " Hz does not fit a sample rate of "
                    + sampleRate + " Hz");
        }
        double wc = warp(cutoffHz, sampleRate);
        List<double[]> digitalPoles = new ArrayList<>();
        double[] gainProducts = {1, 0};
        for (double[] p : prototype(order)) {
            double[] analog = {p[0] * wc, p[1] * wc};
            digitalPoles.add(bilinear(analog));
            gainProducts = mul(gainProducts, sub(new double[] {4, 0}, analog));
        }
        double gain = Math.pow(wc, order) * div(new double[] {1, 0}, gainProducts)[0];
        double[][] sos = pairConjugates(digitalPoles, false);
        sos[0][0] *= gain;
        sos[0][1] *= gain;
        sos[0][2] *= gain;
        return new Butterworth(sos);
    }

    /** Pre-warped analog frequency for the bilinear transform at fs = 2 (scipy's normalisation). */
    private static double warp(double hz, double sampleRate) {
        return 4 * Math.tan(Math.PI * (2 * hz / sampleRate) / 2);
    }

    /** The analog Butterworth prototype's poles: -exp(i pi m / 2N), m = -N+1, -N+3, ..., N-1. */
    private static List<double[]> prototype(int order) {
        List<double[]> poles = new ArrayList<>();
        for (int m = -order + 1; m < order; m += 2) {
            double angle = Math.PI * m / (2.0 * order);
            poles.add(new double[] {-Math.cos(angle), -Math.sin(angle)});
        }
        return poles;
    }

    private static double[] bilinear(double[] p) {
        return div(add(new double[] {4, 0}, p), sub(new double[] {4, 0}, p));
    }

    /**
     * Groups poles into sections: each conjugate pair, or two real poles, becomes a biquad; a real pole left over a
     * first-order section. Band-pass biquads take one zero at +1 and one at -1; low-pass sections zeros at -1.
     */
    private static double[][] pairConjugates(List<double[]> poles, boolean bandPass) {
        List<double[]> sections = new ArrayList<>();
        List<Double> real = new ArrayList<>();
        List<double[]> complex = new ArrayList<>();
        for (double[] p : poles) {
            if (Math.abs(p[1]) < 1e-12) {
                real.add(p[0]);
            } else if (p[1] > 0) {
                complex.add(p);
            }
        }
        double[] zeros = bandPass ? new double[] {1, 0, -1} : new double[] {1, 2, 1};
        for (double[] p : complex) {
            sections.add(new double[] {zeros[0], zeros[1], zeros[2], 1, -2 * p[0], p[0] * p[0] + p[1] * p[1]});
        }
        for (int i = 0; i + 1 < real.size(); i += 2) {
            double p = real.get(i);
            double q = real.get(i + 1);
            sections.add(new double[] {zeros[0], zeros[1], zeros[2], 1, -(p + q), p * q});
        }
        if (real.size() % 2 == 1) {
            sections.add(new double[] {1, 1, 0, 1, -real.get(real.size() - 1), 0});
        }
        return sections.toArray(double[][]::new);
    }

    /** The odd-extension length sosfiltfilt uses: 3 x (2 x sections + 1 - sections of first order). */
    /** How many second-order sections the filter has (a first-order one counts as one). */
    int sectionCount() {
        return sections.length;
    }

    public int padLength() {
        int firstOrder = 0;
        for (double[] s : sections) {
            if (s[2] == 0 && s[5] == 0) {
                firstOrder++;
            }
        }
        return 3 * (2 * sections.length + 1 - firstOrder);
    }

    /** Zero-phase filtering of the whole signal, as scipy.signal.sosfiltfilt with its default padding. */
    public double[] filtfilt(double[] x) {
        return filtfilt(x, x.length);
    }

    /** The same of {@code x[0, length)}. */
    public double[] filtfilt(double[] x, int length) {
        return filtfilt(x, length, new double[length]);
    }

    /** The same into {@code out} (at least {@code length} long, any content; may not be {@code x}); returns it. */
    public double[] filtfilt(double[] x, int length, double[] out) {
        int pad = padLength();
        if (length <= pad) {
            throw new IllegalArgumentException("a zero-phase filter needs more than " + pad + " samples, got "
                    + length);
        }
        int total = length + 2 * pad;
        double[] ext = Scratch.doubles(Scratch.WORK, total);
        for (int i = 0; i < pad; i++) {
            ext[i] = 2 * x[0] - x[pad - i];
            ext[pad + length + i] = 2 * x[length - 1] - x[length - 2 - i];
        }
        System.arraycopy(x, 0, ext, pad, length);
        double[][] zi = steadyState();
        run(ext, total, zi, ext[0]);
        reverse(ext, total);
        run(ext, total, zi, ext[0]);
        // Reversed back and cut to the signal in one pass.
        for (int i = 0, j = total - 1 - pad; i < length; i++, j--) {
            out[i] = ext[j];
        }
        return out;
    }

    /** A causal filter's running state: for streams filtered piece by piece (the stream job's metrics). */
    public final class Causal {
        private final double[][] state = new double[sections.length][2];
        private boolean started;

        /** Filters {@code x} in place, continuing from the previous call; starts at steady state for x[0]. */
        public void filter(double[] x, int from, int length) {
            if (!started && length > 0) {
                double[][] zi = steadyState();
                for (int s = 0; s < sections.length; s++) {
                    state[s][0] = zi[s][0] * x[from];
                    state[s][1] = zi[s][1] * x[from];
                }
                started = true;
            }
            filterInPlace(x, from, from + length, state);
        }
    }

    public Causal causal() {
        return new Causal();
    }

    private void run(double[] x, int length, double[][] zi, double first) {
        double[][] state = new double[sections.length][2];
        for (int s = 0; s < sections.length; s++) {
            state[s][0] = zi[s][0] * first;
            state[s][1] = zi[s][1] * first;
        }
        filterInPlace(x, 0, length, state);
    }

    /**
     * x[from, to) through every section in turn, continuing from and updating {@code state} (transposed direct form
     * II's two states per section). Each section's recurrence is a chain of dependent operations from one sample to
     * the next, so the sections run staggered in one loop (section s on sample i - s), their chains overlapping in
     * the CPU, their states in local variables: the same arithmetic, in the same order for every value, as a sample
     * at a time through all sections (so the same results, bit for bit).
     */
    void filterInPlace(double[] x, int from, int to, double[][] state) {
        if (sections.length == 3 && to - from >= 3) {
            filterThree(x, from, to, state);
        } else if (sections.length == 2 && to - from >= 2) {
            filterTwo(x, from, to, state);
        } else {
            filterSectionBySection(x, from, to, state);
        }
    }

    /** One section at a time over the whole stretch: any number of sections. */
    void filterSectionBySection(double[] x, int from, int to, double[][] state) {
        for (int s = 0; s < sections.length; s++) {
            Recurrence r = recurrences[s];
            double z0 = state[s][0];
            double z1 = state[s][1];
            for (int i = from; i < to; i++) {
                double v = x[i];
                x[i] = r.b0 * v + z0;
                double next = r.c1 * v + z1 - r.a1 * z0;
                z1 = r.c2 * v - r.a2 * z0;
                z0 = next;
            }
            state[s][0] = z0;
            state[s][1] = z1;
        }
    }

    /** Three sections staggered: the band-pass filters of the spike metric and the hybrid encoder. */
    private void filterThree(double[] x, int from, int to, double[][] state) {
        Recurrence c = recurrences[0];
        Recurrence d = recurrences[1];
        Recurrence e = recurrences[2];
        // The first two samples enter the pipeline, the last two leave it, a step at a time.
        x[from] = c.step(state[0], x[from]);
        x[from + 1] = c.step(state[0], x[from + 1]);
        x[from] = d.step(state[1], x[from]);
        double cb0 = c.b0, cc1 = c.c1, cc2 = c.c2, ca1 = c.a1, ca2 = c.a2;
        double db0 = d.b0, dc1 = d.c1, dc2 = d.c2, da1 = d.a1, da2 = d.a2;
        double eb0 = e.b0, ec1 = e.c1, ec2 = e.c2, ea1 = e.a1, ea2 = e.a2;
        double c0 = state[0][0], c1 = state[0][1];
        double d0 = state[1][0], d1 = state[1][1];
        double e0 = state[2][0], e1 = state[2][1];
        // What the first two sections gave in the previous step, kept in registers rather than stored and loaded.
        double v = x[from + 1];
        double u = x[from];
        for (int i = from + 2; i < to; i++) {
            x[i - 2] = eb0 * u + e0;
            double en = ec1 * u + e1 - ea1 * e0;
            e1 = ec2 * u - ea2 * e0;
            e0 = en;
            double yv = db0 * v + d0;
            double dn = dc1 * v + d1 - da1 * d0;
            d1 = dc2 * v - da2 * d0;
            d0 = dn;
            double w = x[i];
            double yw = cb0 * w + c0;
            double cn = cc1 * w + c1 - ca1 * c0;
            c1 = cc2 * w - ca2 * c0;
            c0 = cn;
            u = yv;
            v = yw;
        }
        x[to - 2] = u;
        x[to - 1] = v;
        state[0][0] = c0;
        state[0][1] = c1;
        state[1][0] = d0;
        state[1][1] = d1;
        state[2][0] = e0;
        state[2][1] = e1;
        x[to - 2] = e.step(state[2], x[to - 2]);
        x[to - 1] = d.step(state[1], x[to - 1]);
        x[to - 1] = e.step(state[2], x[to - 1]);
    }

    /** Two sections staggered, as {@link #filterThree}: the 3rd-order low-pass of the LFP metric (a biquad and a
     * first-order section). */
    private void filterTwo(double[] x, int from, int to, double[][] state) {
        Recurrence c = recurrences[0];
        Recurrence d = recurrences[1];
        x[from] = c.step(state[0], x[from]);
        double cb0 = c.b0, cc1 = c.c1, cc2 = c.c2, ca1 = c.a1, ca2 = c.a2;
        double db0 = d.b0, dc1 = d.c1, dc2 = d.c2, da1 = d.a1, da2 = d.a2;
        double c0 = state[0][0], c1 = state[0][1];
        double d0 = state[1][0], d1 = state[1][1];
        double u = x[from];
        for (int i = from + 1; i < to; i++) {
            x[i - 1] = db0 * u + d0;
            double dn = dc1 * u + d1 - da1 * d0;
            d1 = dc2 * u - da2 * d0;
            d0 = dn;
            double w = x[i];
            double yw = cb0 * w + c0;
            double cn = cc1 * w + c1 - ca1 * c0;
            c1 = cc2 * w - ca2 * c0;
            c0 = cn;
            u = yw;
        }
        x[to - 1] = u;
        state[0][0] = c0;
        state[0][1] = c1;
        state[1][0] = d0;
        state[1][1] = d1;
        x[to - 1] = d.step(state[1], x[to - 1]);
    }

    /**
     * One section's update with its output substituted into its states: z0' = b1 v - a1 y + z1 with y = b0 v + z0
     * is (b1 - a1 b0) v + z1 - a1 z0, so a state waits for one multiplication and one subtraction of the last, not
     * for the output first (half the chain, twice the speed of the loops above); the same filter, rounded a little
     * differently.
     */
    private record Recurrence(double b0, double c1, double c2, double a1, double a2) {
        static Recurrence of(double[] section) {
            return new Recurrence(section[0], section[1] - section[4] * section[0],
                    section[2] - section[5] * section[0], section[4], section[5]);
        }

        /** One sample through the section, its state in {@code z}. */
        double step(double[] z, double v) {
            double y = b0 * v + z[0];
            double next = c1 * v + z[1] - a1 * z[0];
            z[1] = c2 * v - a2 * z[0];
            z[0] = next;
            return y;
        }
    }

    /** sosfilt_zi: each section's state for a unit step input, scaled by the DC gain of the sections before it. */
    private double[][] steadyState() {
        double[][] zi = new double[sections.length][2];
        double scale = 1;
        for (int s = 0; s < sections.length; s++) {
            double[] c = sections[s];
            double b0 = c[0];
            double b1 = c[1];
            double b2 = c[2];
            double a1 = c[4];
            double a2 = c[5];
            // lfilter_zi: solve (I - companion(a)^T) zi = b[1:] - a[1:] b0.
            double r1 = b1 - a1 * b0;
            double r2 = b2 - a2 * b0;
            // I - A^T with A^T = [[-a1, 1], [-a2, 0]]: [[1 + a1, -1], [a2, 1]].
            double det = (1 + a1) + a2;
            zi[s][0] = scale * (r1 + r2) / det;
            zi[s][1] = scale * ((1 + a1) * r2 - a2 * r1) / det;
            scale *= (b0 + b1 + b2) / (1 + a1 + a2);
        }
        return zi;
    }

    private static void reverse(double[] x, int length) {
        for (int i = 0, j = length - 1; i < j; i++, j--) {
            double t = x[i];
            x[i] = x[j];
            x[j] = t;
        }
    }

    private static double[] add(double[] a, double[] b) {
        return new double[] {a[0] + b[0], a[1] + b[1]};
    }

    private static double[] sub(double[] a, double[] b) {
        return new double[] {a[0] - b[0], a[1] - b[1]};
    }

    private static double[] mul(double[] a, double[] b) {
        return new double[] {a[0] * b[0] - a[1] * b[1], a[0] * b[1] + a[1] * b[0]};
    }

    private static double[] div(double[] a, double[] b) {
        double d = b[0] * b[0] + b[1] * b[1];
        return new double[] {(a[0] * b[0] + a[1] * b[1]) / d, (a[1] * b[0] - a[0] * b[1]) / d};
    }

    /** The principal square root, as numpy's complex sqrt. */
    private static double[] sqrt(double[] a) {
        double r = Math.hypot(a[0], a[1]);
        double re = Math.sqrt((r + a[0]) / 2);
        double im = Math.copySign(Math.sqrt((r - a[0]) / 2), a[1]);
        return new double[] {re, im};
    }

    /** For tests: the sections, b0 b1 b2 1 a1 a2 each. */
    double[][] sections() {
        return sections.clone();
    }
}
