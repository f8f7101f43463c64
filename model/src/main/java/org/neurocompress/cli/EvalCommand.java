package org.neurocompress.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import org.neurocompress.eval.Plots;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.neurocompress.codec.Codec;
import org.neurocompress.codec.CodecLevel;
import org.neurocompress.eval.Aggregate;
import org.neurocompress.eval.Evaluator;
import org.neurocompress.eval.Inputs;
import org.neurocompress.eval.LevelEvaluation;
import org.neurocompress.eval.Report;
import org.neurocompress.metrics.Summary;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "eval", description = "Encode and decode recordings, measure ratio, SNR, PSNR, MSE and SSIM, and "
        + "write report.json, report.md and plots.")
final class EvalCommand implements Callable<Integer> {
    @Mixin
    CodecOptions codecOptions;

    @ArgGroup(exclusive = true)
    LevelChoice levelChoice;

    static final class LevelChoice {
        @Option(names = "--level", paramLabel = "L", description = "One level. Default: the codec's default level.")
        Integer level;

        @Option(names = "--sweep", description = "Every level: the rate-distortion curve.")
        boolean sweep;
    }

    @Option(names = "--report", paramLabel = "DIR", required = true, description = "Folder for the report.")
    Path reportDir;

    @Parameters(paramLabel = "INPUT", arity = "1..*", description = "WAV files or folders of them.")
    List<Path> inputs;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<String> names = Stream.of(codecOptions.codec.split(",")).map(String::strip).toList();
        if (names.size() > 1 && levelChoice != null && levelChoice.level != null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--level applies to one codec; with several codecs use --sweep or each one's default level");
        }
        // Every argument is checked before the first file is read: a typo in the last codec fails at once.
        for (String name : names) {
            CodecOptions.checkLevel(spec.commandLine(), CodecOptions.check(spec.commandLine(), name,
                    codecOptions.model), levelChoice == null ? null : levelChoice.level);
        }
        if (Files.exists(reportDir) && !Files.isDirectory(reportDir)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--report " + reportDir
                    + ": a file, not a folder");
        }
        boolean sweep = levelChoice != null && levelChoice.sweep;
        List<Path> files = Inputs.wavFiles(inputs);
        Map<String, List<double[]>> curves = new LinkedHashMap<>();
        ObjectNode combined = new ObjectMapper().createObjectNode();
        ArrayNode reports = combined.putArray("reports");
        for (String name : names) {
            try (Codec codec = CodecOptions.create(spec.commandLine(), name, codecOptions.model)) {
                Report report = evaluate(codec, files, sweep, names.size() == 1 ? reportDir : reportDir.resolve(
                        codec.name()));
                curves.put(codec.name(), report.curve());
                reports.add(report.json());
            }
        }
        if (names.size() > 1) {
            Plots.rateDistortion(reportDir.resolve("rate_distortion.png"), curves);
            org.neurocompress.io.AtomicFile.write(reportDir.resolve("report.json"), new ObjectMapper()
                    .enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(combined));
            StringBuilder md = new StringBuilder("# Evaluation of " + String.join(", ", names) + "\n\n");
            md.append("![rate-distortion](rate_distortion.png)\n\n");
            names.forEach(n -> md.append("- [").append(n).append("](").append(n.strip()).append("/report.md)\n"));
            org.neurocompress.io.AtomicFile.write(reportDir.resolve("report.md"), md.toString().getBytes(
                    java.nio.charset.StandardCharsets.UTF_8));
        }
        spec.commandLine().getOut().println("report: " + reportDir.resolve("report.md"));
        return 0;
    }

    private Report evaluate(Codec codec, List<Path> files, boolean sweep, Path dir) throws Exception {
        int mainLevel = CodecOptions.checkLevel(spec.commandLine(), codec.spec(), levelChoice == null ? null
                : levelChoice.level);
        List<Integer> levels = sweep ? codec.levels().stream().map(CodecLevel::level).toList() : List.of(mainLevel);
        PrintWriter err = spec.commandLine().getErr();
        List<String> warnings = new ArrayList<>();
        Evaluator evaluator = new Evaluator(codec, warnings::add);
        List<LevelEvaluation> results = new ArrayList<>();
        try (ProgressBar progress = new ProgressBarBuilder().setTaskName("eval " + codec.name())
                .setInitialMax((long) files.size() * levels.size())
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .setStyle(System.console() == null ? ProgressBarStyle.ASCII : ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                .setUpdateIntervalMillis(250).build()) {
            for (int level : levels) {
                progress.setExtraMessage("level " + level);
                results.add(evaluator.evaluate(files, level, progress::step));
            }
        }
        warnings.stream().distinct().forEach(w -> err.println("eval: warning: " + w));
        String model = codec.fingerprint().length == 0 ? null
                : org.neurocompress.codec.FrameDecoder.fingerprintHex(codec.fingerprint());
        Report report = new Report(codec.name(), model, results, mainLevel, sweep);
        report.write(dir);
        PrintWriter out = spec.commandLine().getOut();
        for (LevelEvaluation level : results) {
            Summary ratio = Aggregate.summary(level, "compression_ratio");
            Summary snr = Aggregate.summary(level, "snr_db");
            Summary ssim = Aggregate.summary(level, "ssim");
            out.printf(Locale.ROOT, "%s level %d: %d files, median ratio %.2f, median SNR %s, median SSIM %s%n",
                    codec.name(), level.level(), level.files().size(), ratio.median(),
                    snr.median() == null ? "exact" : String.format(Locale.ROOT, "%.2f dB", snr.median()),
                    ssim.median() == null ? "n/a" : String.format(Locale.ROOT, "%.3f", ssim.median()));
        }
        return report;
    }
}
