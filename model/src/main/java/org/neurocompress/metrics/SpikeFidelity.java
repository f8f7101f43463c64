package org.neurocompress.metrics;

import java.util.Arrays;

/**
 * Whether the action potentials survive a codec (docs/metrics.md): both signals band-passed 300-5000 Hz (3rd-order
 * Butterworth, zero phase), spikes are downward crossings of -T, T = 4.5 x median(|band-passed original|) / 0.6745,
 * at most one per 1 ms; a decoded spike matches an original one within 0.5 ms, each used once. Also the SNR of the
 * LFP band (below 300 Hz) and of the spike band. The reference definition is ../shared/tools/spike_fidelity.py.
 *
 * @param originalSpikes spikes detected in the original
 * @param decodedSpikes spikes detected in the decoded signal, at the original's threshold
 * @param matched decoded spikes matched to original ones
 * @param f1 2PR / (P + R); null when the original has no spike
 */
public record SpikeFidelity(int originalSpikes, int decodedSpikes, int matched, Double recall, Double precision,
        Double f1, Double lfpSnrDb, Double spikeBandSnrDb) {
    public static final double THRESHOLD_SIGMAS = 4.5;
    private static final double MAD_TO_SIGMA = 0.6745;

    /** The filters for one sample rate, designed once. */
    public record Filters(double sampleRate, Butterworth spikeBand, Butterworth lfpBand) {
        public static Filters of(double sampleRate) {
            return new Filters(sampleRate, Butterworth.bandPass(3, 300, 5000, sampleRate),
                    Butterworth.lowPass(3, 300, sampleRate));
        }

        /** Samples between two spikes at least: 1 ms, as the reference counts it (integer division). */
        public int refractory() {
            return (int) Math.floor(sampleRate / 1000);
        }

        /** How far apart matched spikes may be: 0.5 ms. */
        public int tolerance() {
            return (int) Math.floor(0.0005 * sampleRate);
        }
    }

    /** Measures one channel, the whole recording at once (zero-phase filters). */
    public static SpikeFidelity measure(short[] original, short[] decoded, Filters filters) {
        if (original.length != decoded.length) {
            throw new IllegalArgumentException("original has " + original.length + " samples, decoded "
                    + decoded.length);
        }
        if (original.length <= filters.spikeBand().padLength()) {
            return new SpikeFidelity(0, 0, 0, null, null, null, null, null);
        }
        double[] x = toDouble(original);
        double[] y = toDouble(decoded);
        double[] fx = filters.spikeBand().filtfilt(x);
        double[] fy = filters.spikeBand().filtfilt(y);
        double[] lx = filters.lfpBand().filtfilt(x);
        double[] ly = filters.lfpBand().filtfilt(y);
        return of(fx, fy, threshold(fx, 0, fx.length), filters, snr(lx, ly), snr(fx, fy));
    }

    /** Spike counts and F1 of band-passed signals at threshold T, with band SNRs already computed. */
    public static SpikeFidelity of(double[] fx, double[] fy, double threshold, Filters filters, Double lfpSnr,
            Double spikeSnr) {
        int[] a = crossings(fx, threshold, filters.refractory());
        int[] b = crossings(fy, threshold, filters.refractory());
        int matched = match(a, b, filters.tolerance());
        if (a.length == 0) {
            return new SpikeFidelity(0, b.length, 0, null, null, null, lfpSnr, spikeSnr);
        }
        double recall = (double) matched / a.length;
        double precision = b.length == 0 ? 0 : (double) matched / b.length;
        double f1 = recall + precision == 0 ? 0 : 2 * recall * precision / (recall + precision);
        return new SpikeFidelity(a.length, b.length, matched, recall, precision, f1, lfpSnr, spikeSnr);
    }

    /** T = 4.5 x median(|x|) / 0.6745 over {@code x[from, from+length)}: the noise level, robust to the spikes. */
    public static double threshold(double[] x, int from, int length) {
        return threshold(x, from, length, 1);
    }

    /** The same from every {@code stride}-th sample: an estimate, for encoders that need it fast. */
    public static double threshold(double[] x, int from, int length, int stride) {
        return THRESHOLD_SIGMAS * medianMagnitude(x, from, length, stride) / MAD_TO_SIGMA;
    }

    /** The median of |x| over every {@code stride}-th sample of {@code x[from, from+length)}, exactly. */
    static double medianMagnitude(double[] x, int from, int length, int stride) {
        int n = (length + stride - 1) / stride;
        double[] magnitudes = Scratch.doubles(Scratch.WORK, n);
        magnitudes(x, from, stride, magnitudes, n);
        int upper = n / 2;
        int lower = n % 2 == 1 ? upper : upper - 1;
        int all = n;
        // Narrowing: each round keeps only the values between two sample quantiles around the median's rank, found
        // from a sample, in one pass without branches (quickselect's comparisons mispredict on noise, about 10 ns a
        // value). Should the sample mislead (rare), the values are taken again and selected the plain way.
        while (n > NARROW_BELOW) {
            double[] sample = new double[NARROW_SAMPLE];
            for (int i = 0; i < NARROW_SAMPLE; i++) {
                sample[i] = magnitudes[(int) ((long) i * n / NARROW_SAMPLE)];
            }
            int lowRank = Math.max(0, (int) ((long) lower * NARROW_SAMPLE / n) - NARROW_MARGIN);
            int highRank = Math.min(NARROW_SAMPLE - 1, (int) ((long) upper * NARROW_SAMPLE / n) + NARROW_MARGIN);
            double low = select(sample, NARROW_SAMPLE, lowRank);
            double high = select(sample, NARROW_SAMPLE, highRank);
            int below = 0;
            int kept = 0;
            for (int i = 0; i < n; i++) {
                double v = magnitudes[i];
                // Sign bits of the differences (exact for finite values): v < low, v > high, as 0 or 1 without a
                // branch the compiler might choose.
                int under = (int) (Double.doubleToRawLongBits(v - low) >>> 63);
                int over = (int) (Double.doubleToRawLongBits(high - v) >>> 63);
                below += under;
                magnitudes[kept] = v; // kept <= i: nothing unread is overwritten
                kept += 1 - (under | over);
            }
            if (kept == n) {
                break; // every value is between the two (ties): nothing moved, nothing to narrow
            }
            if (below > lower || below + kept <= upper) {
                n = all;
                upper = all / 2;
                lower = all % 2 == 1 ? upper : upper - 1;
                magnitudes(x, from, stride, magnitudes, n);
                break;
            }
            n = kept;
            lower -= below;
            upper -= below;
        }
        double low = select(magnitudes, n, lower);
        return lower == upper ? low : (low + smallestFrom(magnitudes, n, upper)) / 2;
    }

    private static void magnitudes(double[] x, int from, int stride, double[] into, int n) {
        for (int i = 0; i < n; i++) {
            into[i] = Math.abs(x[from + i * stride]);
        }
    }

    private static final int NARROW_BELOW = 4096;
    private static final int NARROW_SAMPLE = 1024;
    /** Sample ranks kept each side of the median's: its sample rank's spread is about 16 (sqrt(1024) / 2). */
    private static final int NARROW_MARGIN = 96;

    /**
     * The smallest of {@code v[from..length)}: after {@link #select}{@code (v, length, from - 1)} that is the value of
     * rank {@code from}, since select leaves every value after its rank at least as large.
     */
    static double smallestFrom(double[] v, int length, int from) {
        double smallest = v[from];
        for (int i = from + 1; i < length; i++) {
            if (v[i] < smallest) {
                smallest = v[i];
            }
        }
        return smallest;
    }

    static double smallestFrom(double[] v, int from) {
        return smallestFrom(v, v.length, from);
    }

    static double select(double[] v, int k) {
        return select(v, v.length, k);
    }

    /**
     * The k-th smallest value (0-based) of {@code v[0, length)}, in linear expected time; reorders it so that no value
     * before index k is larger and none after it smaller.
     */
    static double select(double[] v, int length, int k) {
        int lo = 0;
        int hi = length - 1;
        while (lo < hi) {
            double pivot = v[(lo + hi) >>> 1];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (v[i] < pivot) {
                    i++;
                }
                while (v[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    double t = v[i];
                    v[i] = v[j];
                    v[j] = t;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return v[k];
            }
        }
        return v[k];
    }

    /** Indices i where x crosses -T downwards (x[i] < -T <= x[i-1]), each more than {@code refractory} after the last. */
    public static int[] crossings(double[] x, double threshold, int refractory) {
        return crossings(x, x.length, threshold, refractory);
    }

    /** The same in {@code x[0, length)}. */
    public static int[] crossings(double[] x, int length, double threshold, int refractory) {
        int[] found = new int[16];
        int count = 0;
        long last = Long.MIN_VALUE / 2;
        for (int i = 1; i < length; i++) {
            if (x[i] < -threshold && x[i - 1] >= -threshold && i - last > refractory) {
                if (count == found.length) {
                    found = Arrays.copyOf(found, 2 * count);
                }
                found[count++] = i;
                last = i;
            }
        }
        return Arrays.copyOf(found, count);
    }

    /** Greedy matching in time order: each original spike takes the first unused decoded one within tolerance. */
    public static int match(int[] original, int[] decoded, int tolerance) {
        boolean[] used = new boolean[decoded.length];
        int hits = 0;
        for (int t : original) {
            int k = lowerBound(decoded, t - tolerance);
            while (k < decoded.length && decoded[k] <= t + tolerance && used[k]) {
                k++;
            }
            if (k < decoded.length && decoded[k] <= t + tolerance) {
                used[k] = true;
                hits++;
            }
        }
        return hits;
    }

    private static int lowerBound(int[] sorted, int value) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** SNR in dB of y against x; null when they are identical. */
    public static Double snr(double[] x, double[] y) {
        double signal = 0;
        double error = 0;
        for (int i = 0; i < x.length; i++) {
            signal += x[i] * x[i];
            double e = x[i] - y[i];
            error += e * e;
        }
        return error == 0 ? null : 10 * Math.log10(signal / error);
    }

    private static double[] toDouble(short[] s) {
        double[] d = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            d[i] = s[i];
        }
        return d;
    }
}
