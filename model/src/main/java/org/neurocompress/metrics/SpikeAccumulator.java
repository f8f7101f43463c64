package org.neurocompress.metrics;

import java.util.Arrays;
import java.util.List;

/**
 * Collects one channel, original and decoded, for its spike figures: zero-phase filters and a median threshold need
 * the whole recording. Memory is bounded: beyond {@code limit} samples a channel is measured on its first
 * {@code limit} (the reports say how many samples their spike figures cover).
 */
public final class SpikeAccumulator {
    private final int limit;
    private short[] original = new short[4096];
    private short[] decoded = new short[4096];
    private int count;

    public SpikeAccumulator(int limit) {
        this.limit = limit;
    }

    public void add(short[] x, int xOffset, short[] y, int yOffset, int length) {
        int n = Math.min(length, limit - count);
        if (n <= 0) {
            return;
        }
        if (count + n > original.length) {
            int size = (int) Math.min(limit, Math.max(count + n, 2L * original.length));
            original = Arrays.copyOf(original, size);
            decoded = Arrays.copyOf(decoded, size);
        }
        System.arraycopy(x, xOffset, original, count, n);
        System.arraycopy(y, yOffset, decoded, count, n);
        count += n;
    }

    /** The samples collected: original, decoded. */
    public short[][] signals() {
        return new short[][] {Arrays.copyOf(original, count), Arrays.copyOf(decoded, count)};
    }

    /** Samples the figures cover. */
    public int samples() {
        return count;
    }

    public SpikeFidelity result(SpikeFidelity.Filters filters) {
        return SpikeFidelity.measure(Arrays.copyOf(original, count), Arrays.copyOf(decoded, count), filters);
    }

    /**
     * The figures of several channels as one: spike counts pooled (so F1 weighs every spike alike), band SNRs the
     * mean over channels that have them.
     */
    public static SpikeFidelity pool(List<SpikeFidelity> channels) {
        if (channels.size() == 1) {
            return channels.get(0);
        }
        int a = 0;
        int b = 0;
        int matched = 0;
        for (SpikeFidelity s : channels) {
            a += s.originalSpikes();
            b += s.decodedSpikes();
            matched += s.matched();
        }
        Double lfp = mean(channels.stream().map(SpikeFidelity::lfpSnrDb).toList());
        Double band = mean(channels.stream().map(SpikeFidelity::spikeBandSnrDb).toList());
        if (a == 0) {
            return new SpikeFidelity(0, b, 0, null, null, null, lfp, band);
        }
        double recall = (double) matched / a;
        double precision = b == 0 ? 0 : (double) matched / b;
        double f1 = recall + precision == 0 ? 0 : 2 * recall * precision / (recall + precision);
        return new SpikeFidelity(a, b, matched, recall, precision, f1, lfp, band);
    }

    private static Double mean(List<Double> values) {
        return values.stream().filter(v -> v != null).mapToDouble(Double::doubleValue).average().stream().boxed()
                .findFirst().orElse(null);
    }
}
