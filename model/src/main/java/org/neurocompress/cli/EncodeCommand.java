package org.neurocompress.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.neurocompress.codec.Codec;
import org.neurocompress.codec.CodecSpec;
import org.neurocompress.codec.FrameEncoder;
import org.neurocompress.container.NcfEncoder;
import org.neurocompress.container.NcfFormat;
import org.neurocompress.io.Outputs;
import org.neurocompress.wav.WavFormat;
import org.neurocompress.wav.WavReader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "encode", description = "Compress a 16-bit PCM WAV recording into an .ncf file.")
final class EncodeCommand implements Callable<Integer> {
    @Mixin
    CodecOptions codecOptions;

    @Option(names = "--level", paramLabel = "L", description = "Codec level, 1 = highest fidelity. Default: the "
            + "codec's default level (see 'neurocompress codecs').")
    Integer level;

    @Option(names = "--segments-per-frame", paramLabel = "K", description = "Segments one frame carries. Default: "
            + "the level's (more: less overhead, more latency).")
    Integer segmentsPerFrame;

    @Parameters(index = "0", paramLabel = "IN.wav")
    Path input;

    @Parameters(index = "1", paramLabel = "OUT.ncf")
    Path output;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        CodecSpec codecSpec = codecOptions.check(spec.commandLine());
        int chosen = CodecOptions.checkLevel(spec.commandLine(), codecSpec, level);
        int segments = segmentsPerFrame == null ? codecSpec.level(chosen).segmentsPerFrame() : segmentsPerFrame;
        if (segments < 1 || (long) segments * codecSpec.segmentLength() > org.neurocompress.frame.FrameLimits
                .MAX_SAMPLE_COUNT) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--segments-per-frame " + segments
                    + ": must be in [1, " + org.neurocompress.frame.FrameLimits.MAX_SAMPLE_COUNT
                    / codecSpec.segmentLength() + "]");
        }
        // The paths and the input's header are checked before a learned codec loads its model (seconds, hundreds
        // of MB), and before anything is opened for writing.
        Outputs.checkInput(input);
        Outputs.check(output, input);
        WavFormat format;
        try (WavReader checked = WavReader.open(input)) {
            format = checked.format();
        }
        int samplesPerFrame = NcfFormat.samplesPerFrameFor(format.channels(), codecSpec.segmentLength(),
                segments * codecSpec.segmentLength());
        if (samplesPerFrame < codecSpec.segmentLength()) {
            throw new CommandLine.ParameterException(spec.commandLine(), format.channels() + " channels: even one "
                    + "segment a frame needs more than " + (NcfFormat.MAX_SLOT_BYTES >> 20) + " MiB per slot");
        }
        if (samplesPerFrame < segments * codecSpec.segmentLength()) {
            spec.commandLine().getErr().printf("encode: %d channels: %d segments a frame instead of %d, so one frame "
                    + "of every channel fits in %d MiB%n", format.channels(), samplesPerFrame
                    / codecSpec.segmentLength(), segments, NcfFormat.MAX_SLOT_BYTES >> 20);
        }
        NcfEncoder.Result r;
        try (Codec codec = codecOptions.create(spec.commandLine());
                Progress progress = Progress.of("encode", format.frames(), format.channels())) {
            r = new NcfEncoder(new FrameEncoder(codec, chosen), samplesPerFrame).encode(input, output, progress);
        }
        long samples = r.input().frames() * r.input().channels();
        spec.commandLine().getOut().printf(Locale.ROOT,
                "%s: %d channel(s) x %d samples at %d Hz -> %s: %s level %d, %d frames, %d frame bytes "
                        + "(ratio %.2f), file %d bytes%n",
                input, r.input().channels(), r.input().frames(), r.input().sampleRate(), output, codecSpec.name(),
                chosen, r.frames(), r.frameBytes(), 2.0 * samples / r.frameBytes(), r.fileBytes());
        return 0;
    }
}
