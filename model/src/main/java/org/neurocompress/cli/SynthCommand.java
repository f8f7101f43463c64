package org.neurocompress.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.neurocompress.synth.SyntheticElectrode;
import org.neurocompress.synth.SyntheticRecording;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "synth", description = "Write a synthetic N1-like recording (for trying things without data).")
final class SynthCommand implements Callable<Integer> {
    @Option(names = "--channels", defaultValue = "1", description = "Electrodes. Default: ${DEFAULT-VALUE}.")
    int channels;

    @Option(names = "--seconds", defaultValue = "5", description = "Duration. Default: ${DEFAULT-VALUE}.")
    double seconds;

    @Option(names = "--sample-rate", defaultValue = "" + SyntheticElectrode.N1_SAMPLE_RATE,
            description = "Hz. Default: ${DEFAULT-VALUE}.")
    int sampleRate;

    @Option(names = "--seed", defaultValue = "1", description = "Default: ${DEFAULT-VALUE}.")
    long seed;

    @Parameters(index = "0", paramLabel = "OUT.wav")
    Path output;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (channels < 1 || channels > 65535) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--channels must be in [1, 65535]");
        }
        if (!(seconds > 0)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--seconds must be positive");
        }
        if (sampleRate < 1000 || sampleRate > 1_000_000) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--sample-rate must be in [1000, 1000000]");
        }
        long samples = Math.round(seconds * sampleRate);
        SyntheticRecording.write(output, channels, samples, sampleRate, seed);
        spec.commandLine().getOut().printf("%s: %d channel(s) x %d samples at %d Hz (seed %d)%n", output, channels,
                samples, sampleRate, seed);
        return 0;
    }
}
