package org.neurocompress.kafka.replay;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.neurocompress.eval.Inputs;
import org.neurocompress.synth.SyntheticElectrode;
import org.neurocompress.synth.SyntheticRecording;

/**
 * The signal of every replayed channel, as a loop held in memory: channel i plays source i modulo the number of
 * sources, and each source starts again from its beginning when it ends, so any number of channels can play for
 * any duration from a small set of recordings.
 */
public final class ReplaySource {
    private final short[][] loops;
    private final int sampleRate;
    private final String description;

    private ReplaySource(short[][] loops, int sampleRate, String description) {
        this.loops = loops;
        this.sampleRate = sampleRate;
        this.description = description;
    }

    /** Every channel of every WAV file under {@code inputs}; they must share one sample rate. */
    public static ReplaySource recordings(List<Path> inputs) throws IOException {
        Inputs.Recordings r = Inputs.readRecordings(inputs);
        return new ReplaySource(r.channels().toArray(short[][]::new), r.sampleRate(), r.files() + " recording(s), "
                + r.channels().size() + " source channel(s)");
    }

    /** {@code channels} distinct generated electrodes, each a loop of {@code loopSeconds}. */
    public static ReplaySource synthetic(int channels, double loopSeconds, long seed) {
        int rate = SyntheticElectrode.N1_SAMPLE_RATE;
        int length = (int) Math.round(loopSeconds * rate);
        short[][] loops = new short[channels][];
        IntStream.range(0, channels).parallel().forEach(c -> loops[c] = new SyntheticElectrode(
                SyntheticRecording.channelSeed(seed, c), rate).samples(length));
        return new ReplaySource(loops, rate, channels + " generated electrode(s), seed " + seed + ", "
                + loopSeconds + " s loops");
    }

    /** How many distinct channels the source holds before it repeats. */
    public int sourceChannels() {
        return loops.length;
    }

    public int sampleRate() {
        return sampleRate;
    }

    public String description() {
        return description;
    }

    /** The sample of replayed channel {@code channel} at absolute index {@code index}. */
    short sample(int channel, long index) {
        short[] loop = loops[channel % loops.length];
        return loop[(int) (index % loop.length)];
    }

    /** The source loop of a replayed channel: what a consumer should get back. */
    public short[] loop(int channel) {
        return loops[channel % loops.length];
    }
}
