package org.neurocompress.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.neurocompress.codec.Codec;
import org.neurocompress.container.NcfDecoder;
import org.neurocompress.container.NcfReader;
import org.neurocompress.io.Outputs;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "decode", description = "Decompress an .ncf file into a 16-bit PCM WAV recording.")
final class DecodeCommand implements Callable<Integer> {
    @Option(names = "--model", paramLabel = "DIR", description = "Model folder of a learned codec (its fingerprint "
            + "must be the one the file names).")
    Path model;

    @Parameters(index = "0", paramLabel = "IN.ncf")
    Path input;

    @Parameters(index = "1", paramLabel = "OUT.wav")
    Path output;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Outputs.checkInput(input);
        Outputs.check(output, input);
        try (NcfReader reader = NcfReader.open(input);
                Codec codec = CodecOptions.create(spec.commandLine(), reader.header().codec().codecName(), model);
                Progress progress = Progress.of("decode", reader.header().samplesPerChannel(),
                        reader.header().channels())) {
            long frames = NcfDecoder.decode(reader, codec, output, progress);
            spec.commandLine().getOut().printf("%s -> %s: %d channel(s) x %d samples at %d Hz%n", input, output,
                    reader.header().channels(), frames, reader.header().sampleRate());
        }
        return 0;
    }
}
