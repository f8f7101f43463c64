package org.neurocompress.metrics;

/**
 * Spike fidelity of one channel as it streams, block by block, for the stream job's quality sidecar: the same
 * definition as {@link SpikeFidelity} with two differences the job needs, both applied identically to the original
 * and the decoded signal: the band filters are causal (their state carries from block to block of the channel,
 * starting at steady state), and the threshold is 4.5 x median(|band-passed original|) / 0.6745 of each block
 * rather than of the whole recording. A spike at a block's edge is matched within its block.
 */
public final class StreamingSpikeFidelity {
    private final SpikeFidelity.Filters filters;
    private final Butterworth.Causal spikeX;
    private final Butterworth.Causal spikeY;
    private final Butterworth.Causal lfpX;
    private final Butterworth.Causal lfpY;

    public StreamingSpikeFidelity(SpikeFidelity.Filters filters) {
        this.filters = filters;
        spikeX = filters.spikeBand().causal();
        spikeY = filters.spikeBand().causal();
        lfpX = filters.lfpBand().causal();
        lfpY = filters.lfpBand().causal();
    }

    /** What one block adds: spike counts and the energies band SNRs come from. Sums of blocks are sums of these. */
    public record Counts(long originalSpikes, long decodedSpikes, long matched, double lfpSignal, double lfpError,
            double spikeBandSignal, double spikeBandError) implements java.io.Serializable {
        public static final Counts NONE = new Counts(0, 0, 0, 0, 0, 0, 0);

        public Counts plus(Counts o) {
            return new Counts(originalSpikes + o.originalSpikes, decodedSpikes + o.decodedSpikes, matched + o.matched,
                    lfpSignal + o.lfpSignal, lfpError + o.lfpError, spikeBandSignal + o.spikeBandSignal,
                    spikeBandError + o.spikeBandError);
        }

        /** F1, recall, precision (null without original spikes) and band SNRs (null when exact) of the sums. */
        public SpikeFidelity figures() {
            Double lfp = lfpError == 0 ? null : 10 * Math.log10(lfpSignal / lfpError);
            Double band = spikeBandError == 0 ? null : 10 * Math.log10(spikeBandSignal / spikeBandError);
            if (originalSpikes == 0) {
                return new SpikeFidelity(0, (int) decodedSpikes, 0, null, null, null, lfp, band);
            }
            double recall = (double) matched / originalSpikes;
            double precision = decodedSpikes == 0 ? 0 : (double) matched / decodedSpikes;
            double f1 = recall + precision == 0 ? 0 : 2 * recall * precision / (recall + precision);
            return new SpikeFidelity((int) originalSpikes, (int) decodedSpikes, (int) matched, recall, precision, f1,
                    lfp, band);
        }
    }

    /** The next block of the channel, original and decoded. */
    public Counts add(short[] original, short[] decoded) {
        int n = Math.min(original.length, decoded.length);
        // A thread's scratch arrays serve every channel it measures: blocks are frames (65 536 samples at the default
        // level), and fresh arrays for each were about a tenth of the stream job's allocation.
        double[] bx = Scratch.doubles(Scratch.BLOCK, n);
        double[] by = Scratch.doubles(Scratch.BLOCK + 1, n);
        double[] lx = Scratch.doubles(Scratch.BLOCK + 2, n);
        double[] ly = Scratch.doubles(Scratch.BLOCK + 3, n);
        for (int i = 0; i < n; i++) {
            bx[i] = original[i];
            by[i] = decoded[i];
        }
        System.arraycopy(bx, 0, lx, 0, n);
        System.arraycopy(by, 0, ly, 0, n);
        spikeX.filter(bx, 0, n);
        spikeY.filter(by, 0, n);
        lfpX.filter(lx, 0, n);
        lfpY.filter(ly, 0, n);
        double threshold = SpikeFidelity.threshold(bx, 0, n);
        int[] a = SpikeFidelity.crossings(bx, n, threshold, filters.refractory());
        int[] b = SpikeFidelity.crossings(by, n, threshold, filters.refractory());
        int matched = SpikeFidelity.match(a, b, filters.tolerance());
        return new Counts(a.length, b.length, matched, energy(lx, n), errorEnergy(lx, ly, n), energy(bx, n),
                errorEnergy(bx, by, n));
    }

    private static double energy(double[] x, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += x[i] * x[i];
        }
        return sum;
    }

    private static double errorEnergy(double[] x, double[] y, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double e = x[i] - y[i];
            sum += e * e;
        }
        return sum;
    }
}
