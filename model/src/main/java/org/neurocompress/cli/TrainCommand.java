package org.neurocompress.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.neurocompress.codec.Codec;
import org.neurocompress.codec.Codecs;
import org.neurocompress.codec.learned.LearnedModel;
import org.neurocompress.codec.learned.ModelManifest;
import org.neurocompress.codec.learned.Preset;
import org.neurocompress.codec.learned.Presets;
import org.neurocompress.codec.learned.TrainingData;
import org.neurocompress.codec.learned.TrainingOptions;
import org.neurocompress.codec.learned.TrainingRun;
import org.neurocompress.eval.Aggregate;
import org.neurocompress.eval.Evaluator;
import org.neurocompress.eval.Inputs;
import org.neurocompress.eval.LevelEvaluation;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "train", description = "Train a learned codec on a folder of recordings and write a model folder: "
        + "weights, model.json, loss curve (PNG and CSV), checkpoints.")
final class TrainCommand implements Callable<Integer> {
    @Option(names = "--preset", required = true, paramLabel = "NAME", description = "paper (the original VQ-CAE).")
    String preset;

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "Training recordings (WAV).")
    Path data;

    @Option(names = "--dev", paramLabel = "DIR", description = "Recordings to measure the trained model on; the "
            + "figures go into model.json.")
    Path dev;

    @Option(names = "--epochs", paramLabel = "N", description = "Default: the preset's.")
    Integer epochs;

    @Option(names = "--seed", defaultValue = "1", description = "Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "MODEL_DIR", description = "Model folder to write.")
    Path out;

    @Option(names = "--resume", description = "Continue from the last checkpoint in MODEL_DIR.")
    boolean resume;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Preset p;
        try {
            p = Presets.byName(preset);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--preset: " + e.getMessage());
        }
        int n = epochs == null ? p.defaultEpochs() : epochs;
        if (n < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--epochs must be at least 1");
        }
        PrintWriter err = spec.commandLine().getErr();
        TrainingData trainingData = TrainingData.load(data, p.segmentLength(), w -> err.println("train: warning: "
                + w));
        TrainingRun run = new TrainingRun(p, trainingData, new TrainingOptions(n, seed, out, resume));
        err.printf("train: %s on %d examples from %d segments of %d samples in %d file(s) of %s, %d epochs, seed %d%n",
                p.name(), run.examples(), trainingData.segments().length, p.segmentLength(), trainingData.files(),
                data, n, seed);
        Files.createDirectories(out);
        int batches = (run.examples() + p.batchSize() - 1) / p.batchSize();
        TrainingRun.Result result;
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("train " + p.name())
                .setInitialMax((long) n * batches).setConsumer(new ConsoleProgressBarConsumer(System.err))
                .setStyle(System.console() == null ? ProgressBarStyle.ASCII : ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                .setUpdateIntervalMillis(500).build()) {
            result = run.run(
                    new TrainingRun.Listener() {
                        @Override
                        public void batch(int epoch, int batch, int total, double meanLoss) {
                            bar.stepTo((long) epoch * total + batch + 1);
                            bar.setExtraMessage(String.format(Locale.ROOT, "epoch %d/%d loss %.5f", epoch + 1, n,
                                    meanLoss));
                        }

                        @Override
                        public void epoch(int epoch, double meanLoss, double seconds) {
                        }
                    });
        }
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.printf(Locale.ROOT, "train: %d epochs in %.1f s (this run), final loss %.6f -> %s%n", result
                .epochLosses().size(), result.seconds(), result.epochLosses().get(result.epochLosses().size() - 1),
                out);
        if (dev != null) {
            measureOnDev(p, stdout);
        }
        return 0;
    }

    /** Evaluates the saved model on the dev recordings and records the figures in its model.json. */
    private void measureOnDev(Preset p, PrintWriter stdout) throws Exception {
        List<String> warnings = new ArrayList<>();
        try (Codec codec = Codecs.create(p.name(), Optional.of(out))) {
            LevelEvaluation level = new Evaluator(codec, warnings::add).evaluate(Inputs.wavFiles(List.of(dev)),
                    codec.defaultLevel(), () -> { });
            ObjectNode aggregate = Aggregate.toJson(level);
            Path manifestFile = out.resolve(LearnedModel.MANIFEST);
            ModelManifest manifest = ModelManifest.parse(Files.readAllBytes(manifestFile), manifestFile.toString());
            ObjectNode devMetrics = manifest.json().putObject("dev_metrics");
            devMetrics.put("folder", dev.toString());
            devMetrics.put("level", codec.defaultLevel());
            devMetrics.put("files", level.files().size());
            devMetrics.set("aggregate", aggregate);
            org.neurocompress.io.AtomicFile.write(manifestFile, manifest.toBytes());
            stdout.printf(Locale.ROOT, "dev: median ratio %.1f, SNR %.2f dB, SNR-AC %.2f dB, PSNR %.2f dB, SSIM %.3f%n",
                    aggregate.get("compression_ratio").get("median").asDouble(),
                    aggregate.get("snr_db").get("median").asDouble(),
                    aggregate.get("snr_ac_db").get("median").asDouble(),
                    aggregate.get("psnr_db").get("median").asDouble(),
                    aggregate.get("ssim").get("median").asDouble());
        }
    }
}
