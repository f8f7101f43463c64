package org.neurocompress.local;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.neurocompress.codec.Codecs;
import org.neurocompress.kafka.replay.ReplaySource;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** What the job benchmarks ({@code bench e2e}, {@code bench stages}) run on: the signal, the codec and the sidecar. */
final class BenchWorkload {
    @Option(names = "--channels", defaultValue = "256", description = "Default: ${DEFAULT-VALUE}.")
    int channels;

    @Option(names = "--duration", defaultValue = "10", description = "Seconds of signal. Default: ${DEFAULT-VALUE}.")
    double duration;

    @Option(names = "--codec", defaultValue = Codecs.DEFAULT, description = "Default: ${DEFAULT-VALUE}.")
    String codec;

    @Option(names = "--level", description = "Default: the codec's default level.")
    Integer level;

    @Option(names = "--sidecar-fraction", defaultValue = "0.25", description = "Fraction of frames whose quality "
            + "is measured: one frame slot in round(1/F) of every channel, rotating over the channels, so every "
            + "channel is watched; 1 measures every frame, 0 turns the sidecar off. Default: ${DEFAULT-VALUE}.")
    double sidecarFraction;

    @Option(names = "--recordings", paramLabel = "DIR", description = "Replay these WAV recordings (files or "
            + "folders; channel i plays source channel i modulo their number, looped to --duration) instead of "
            + "generated electrodes, whose spikes are far more frequent than a typical N1 channel's.")
    List<Path> recordings;

    /** Refuses a workload with nothing in it, in one line. */
    void check(CommandLine commandLine) {
        if (channels < 1 || duration <= 0) {
            throw new CommandLine.ParameterException(commandLine, "--channels and --duration must be positive");
        }
    }

    /** The recordings given, or generated electrodes in 2 s loops. */
    ReplaySource source() throws IOException {
        return recordings == null ? ReplaySource.synthetic(channels, Math.min(duration, 2), 1)
                : ReplaySource.recordings(recordings);
    }
}
