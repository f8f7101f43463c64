package org.neurocompress.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
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
        Codec codec = codecOptions.create(spec.commandLine());
        boolean sweep = levelChoice != null && levelChoice.sweep;
        int mainLevel = CodecOptions.checkLevel(spec.commandLine(), codec, levelChoice == null ? null
                : levelChoice.level);
        List<Integer> levels = sweep ? codec.levels().stream().map(CodecLevel::level).toList() : List.of(mainLevel);
        List<Path> files = Inputs.wavFiles(inputs);
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
        report.write(reportDir);
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
        out.println("report: " + reportDir.resolve("report.md"));
        return 0;
    }
}
