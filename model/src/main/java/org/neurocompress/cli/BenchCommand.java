package org.neurocompress.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.neurocompress.bench.BenchSignal;
import org.neurocompress.bench.CodecBenchmark;
import org.neurocompress.codec.Codec;
import org.neurocompress.codec.CodecLevel;
import org.neurocompress.codec.Codecs;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bench", description = "Benchmarks.", subcommands = {BenchCommand.CodecBench.class})
final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: codec");
    }

    @Command(name = "codec", description = "Encode and decode speed per core and per-segment latency of every codec "
            + "and level, one thread, on a generated electrode or on recordings (--recordings).")
    static final class CodecBench implements Callable<Integer> {
        @Option(names = "--codec", paramLabel = "NAME", description = "Only this codec (repeatable). Default: all "
                + "that can be loaded.")
        List<String> codecs;

        @Option(names = "--model", paramLabel = "DIR", description = "Model folder for the learned codec.")
        Path model;

        @Option(names = "--seconds", defaultValue = "20", description = "Seconds of signal per level. Default: "
                + "${DEFAULT-VALUE}.")
        int seconds;

        @Option(names = "--warmup", defaultValue = "2", description = "Seconds each level encodes and decodes "
                + "unmeasured first, so the figures are the steady state of a long run. Default: ${DEFAULT-VALUE}.")
        double warmup;

        @Option(names = "--measure", defaultValue = "2", description = "Seconds each throughput figure is measured "
                + "for at least: the passes over the signal repeat until then. Default: ${DEFAULT-VALUE}.")
        double measure;

        @Option(names = "--recordings", paramLabel = "DIR", description = "Benchmark on these WAV recordings (files "
                + "or folders; an equal share of every channel, --seconds in all) instead of a generated electrode, "
                + "whose spikes are far more frequent than a typical N1 channel's.")
        List<Path> recordings;

        @Option(names = "--json", description = "Print a JSON array.")
        boolean json;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            // Per core: one PyTorch thread, set before the engine first loads.
            System.setProperty("ai.djl.pytorch.num_threads", "1");
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            List<CodecBenchmark.Result> results = new ArrayList<>();
            if (seconds < 1 || warmup < 0 || measure < 0) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--seconds must be at least 1, "
                        + "--warmup and --measure at least 0");
            }
            BenchSignal signal = recordings == null ? BenchSignal.generated() : BenchSignal.recordings(recordings);
            err.println("bench: signal: " + signal.description() + "; machine: "
                    + org.neurocompress.bench.Machine.describe());
            CodecBenchmark bench = new CodecBenchmark(new CodecBenchmark.Settings(seconds, warmup, 200, measure), signal);
            for (String name : codecs == null ? Codecs.names() : codecs) {
                Codec codec;
                try {
                    codec = CodecOptions.create(spec.commandLine(), name, model);
                } catch (java.io.IOException e) {
                    err.println("bench: skipping " + name + ": " + Main.describe(e));
                    continue;
                }
                try (codec) {
                    for (CodecLevel level : codec.levels()) {
                        CodecBenchmark.Result r = bench.run(codec, level.level());
                        results.add(r);
                        if (!json) {
                            out.printf(Locale.ROOT, "%-6s level %d: ratio %7.1f  encode %7.2f M samples/s/core  "
                                    + "decode %7.2f  encode in batches of %d frames %7.2f  segment latency p50 %.3f "
                                    + "ms p99 %.3f ms  peak RSS %d MB%n", r.codec(), r.level(), r.compressionRatio(),
                                    r.encodeSamplesPerSecondPerCore() / 1e6, r.decodeSamplesPerSecondPerCore() / 1e6,
                                    CodecBenchmark.BATCH, r.encodeBatchedSamplesPerSecondPerCore() / 1e6,
                                    r.segmentLatencyMsP50(), r.segmentLatencyMsP99(), r.peakRssMb());
                            out.flush();
                        }
                    }
                }
            }
            if (json) {
                out.println(org.neurocompress.io.JsonOutput.of(results));
            }
            return 0;
        }
    }
}
