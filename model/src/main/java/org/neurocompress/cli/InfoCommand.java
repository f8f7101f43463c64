package org.neurocompress.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.neurocompress.container.NcfHeader;
import org.neurocompress.container.NcfReader;
import org.neurocompress.io.Outputs;
import org.neurocompress.frame.Frame;
import org.neurocompress.frame.FrameWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "info", description = "Show an .ncf file's header, frames, sizes and ratio; checks every frame.")
final class InfoCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE.ncf")
    Path input;

    @Option(names = "--frames", description = "List every frame.")
    boolean listFrames;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Outputs.checkInput(input);
        try (NcfReader reader = NcfReader.open(input)) {
            NcfHeader h = reader.header();
            out.printf("file:              %s (%d bytes)%n", input, Files.size(input));
            out.printf("channels:          %d%n", h.channels());
            out.printf("sample rate:       %d Hz%n", h.sampleRate());
            out.printf(Locale.ROOT, "length:            %d samples per channel (%.3f s)%n", h.samplesPerChannel(),
                    (double) h.samplesPerChannel() / h.sampleRate());
            out.printf("codec:             %s level %d%n", h.codec().codecName(), h.level());
            out.printf("model:             %s%n", h.fingerprintHex());
            out.printf(Locale.ROOT, "segments:          %d samples; %d per frame (%.1f ms of signal per frame)%n",
                    h.segmentLength(), h.samplesPerFrame() / h.segmentLength(),
                    1000.0 * h.samplesPerFrame() / h.sampleRate());
            long frames = 0;
            long frameBytes = 0;
            long payloadBytes = 0;
            Frame frame;
            while ((frame = reader.next()) != null) {
                int bytes = FrameWriter.toBytes(frame).length;
                frames++;
                frameBytes += bytes;
                payloadBytes += frame.payload().length;
                if (listFrames) {
                    out.printf("  frame %d: channel %d samples %d..%d payload %d bytes, frame %d bytes%n", frames - 1,
                            frame.channel(), frame.firstSampleIndex(), frame.endSampleIndex(),
                            frame.payload().length, bytes);
                }
            }
            long samples = h.samplesPerChannel() * h.channels();
            out.printf("frames:            %d (all checksums valid)%n", frames);
            out.printf(Locale.ROOT, "frame bytes:       %d (payload %d, headers and checksums %d = %.1f%%)%n",
                    frameBytes, payloadBytes, frameBytes - payloadBytes, 100.0 * (frameBytes - payloadBytes)
                            / frameBytes);
            out.printf(Locale.ROOT, "compression ratio: %.2f (vs 10-bit: %.2f); with the file header: %.2f%n",
                    2.0 * samples / frameBytes, 1.25 * samples / frameBytes, 2.0 * samples / Files.size(input));
        }
        return 0;
    }
}
