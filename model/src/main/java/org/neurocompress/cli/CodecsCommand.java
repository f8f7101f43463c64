package org.neurocompress.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.neurocompress.codec.Codec;
import org.neurocompress.codec.CodecLevel;
import org.neurocompress.codec.Codecs;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "codecs", description = "List the codecs, their levels, nominal ratios and frame latencies.")
final class CodecsCommand implements Callable<Integer> {
    private static final double N1_RATE = 19531;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        for (String name : Codecs.names()) {
            Codec codec;
            try {
                codec = Codecs.create(name, java.util.Optional.empty());
            } catch (java.io.IOException e) {
                out.printf("%s: unavailable (%s)%n", name, Main.describe(e));
                continue;
            }
            out.printf("%s: segments of %d samples, default level %d%n", name, codec.segmentLength(),
                    codec.defaultLevel());
            for (CodecLevel l : codec.levels()) {
                double latencyMs = 1000.0 * l.segmentsPerFrame() * codec.segmentLength() / N1_RATE;
                out.printf(Locale.ROOT, "  level %d: nominal %sx, %d segments per frame (%.0f ms at 19531 Hz)%n",
                        l.level(), CodecLevel.ratioText(l.nominalRatio()), l.segmentsPerFrame(), latencyMs);
            }
        }
        return 0;
    }
}
