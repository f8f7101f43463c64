package org.neurocompress.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.neurocompress.eval.Inputs;
import org.neurocompress.synth.SyntheticElectrode;

/**
 * What {@link CodecBenchmark} codes: a generated electrode (spike-rich, the default), or real recordings. A codec's
 * speed depends on the signal (the hybrid codec's encoder works per spike), so a figure names its signal.
 */
public final class BenchSignal {
    private final List<short[]> channels;
    private final int sampleRate;
    private final String description;

    private BenchSignal(List<short[]> channels, int sampleRate, String description) {
        this.channels = channels;
        this.sampleRate = sampleRate;
        this.description = description;
    }

    /** The generated electrode the benchmark has always used (seed 7, at the N1's rate). */
    public static BenchSignal generated() {
        return new BenchSignal(null, SyntheticElectrode.N1_SAMPLE_RATE, "generated electrode, seed 7");
    }

    /** Every channel of every WAV file under {@code inputs}, which must share one sample rate. */
    public static BenchSignal recordings(List<Path> inputs) throws IOException {
        Inputs.Recordings r = Inputs.readRecordings(inputs);
        return new BenchSignal(r.channels(), r.sampleRate(), r.description());
    }

    public int sampleRate() {
        return sampleRate;
    }

    public String description() {
        return description;
    }

    /**
     * {@code count} samples: of recordings, an equal share from the start of every channel, one after another (a
     * channel shorter than its share gives all it has), the whole repeated if still short; so a benchmark of a few
     * seconds sees every recording, not the first one only.
     */
    public short[] samples(int count) {
        if (channels == null) {
            return new SyntheticElectrode(7, sampleRate).samples(count);
        }
        int share = (count + channels.size() - 1) / channels.size();
        short[] pool = new short[channels.stream().mapToInt(c -> Math.min(share, c.length)).sum()];
        int at = 0;
        for (short[] c : channels) {
            int n = Math.min(share, c.length);
            System.arraycopy(c, 0, pool, at, n);
            at += n;
        }
        short[] out = new short[count];
        for (int i = 0; i < count; i += pool.length) {
            System.arraycopy(pool, 0, out, i, Math.min(pool.length, count - i));
        }
        return out;
    }
}
