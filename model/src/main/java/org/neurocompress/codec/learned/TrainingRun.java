package org.neurocompress.codec.learned;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.neurocompress.io.AtomicFile;

/**
 * Trains a preset's network with Adam on shuffled mini-batches, checkpointing after every epoch so that a run can
 * be resumed, and writes the loss curve. Reproducible for a seed (same data, same machine).
 */
public final class TrainingRun {
    /** Progress of the run, once per batch. */
    public interface Listener {
        void batch(int epoch, int batch, int batches, double meanLoss);

        void epoch(int epoch, double meanLoss, double seconds);
    }

    private static final String CHECKPOINT = "checkpoint";

    private final Preset preset;
    private final TrainingData data;
    private final float[][] examples;
    private final TrainingOptions options;

    public TrainingRun(Preset preset, TrainingData data, TrainingOptions options) {
        this.preset = preset;
        this.data = data;
        this.examples = preset.examples(data);
        if (examples.length == 0) {
            throw new IllegalArgumentException(preset.name() + " found nothing to learn from in " + data.source());
        }
        this.options = options;
    }

    /** How many examples an epoch goes through. */
    public int examples() {
        return examples.length;
    }

    /** What the run produced: the loss of every epoch, and the wall time. */
    public record Result(List<Double> epochLosses, double seconds, int firstEpoch) {
    }

    /** Trains and leaves the trained network in {@code network()} of the returned model's folder. */
    public Result run(Listener listener) throws IOException {
        Djl.configure();
        Engine.getInstance().setRandomSeed((int) options.seed());
        Block network = preset.newNetwork();
        List<Double> losses = new ArrayList<>();
        int firstEpoch = 0;
        long start = System.nanoTime();
        try (Model model = Model.newInstance(preset.name())) {
            model.setBlock(network);
            DefaultTrainingConfig config = new DefaultTrainingConfig(preset.loss())
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(preset.learningRateSchedule(
                            options.epochs() * batchesPerEpoch()))
                            .build())
                    .optInitializer(new FanInUniformInitializer(), Parameter.Type.WEIGHT);
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(preset.batchSize(), preset.exampleLength()));
                Path checkpoint = options.out().resolve(CHECKPOINT);
                if (options.resume()) {
                    firstEpoch = resume(checkpoint, network, trainer.getManager(), losses);
                }
                Random shuffle = new Random(options.seed());
                int[] order = new int[examples.length];
                for (int i = 0; i < order.length; i++) {
                    order[i] = i;
                }
                for (int e = 0; e < firstEpoch; e++) {
                    shuffle(order, shuffle); // keep the data order of an uninterrupted run
                }
                for (int epoch = firstEpoch; epoch < options.epochs(); epoch++) {
                    long epochStart = System.nanoTime();
                    shuffle(order, shuffle);
                    double loss = epoch(trainer, order, epoch, listener);
                    losses.add(loss);
                    listener.epoch(epoch, loss, (System.nanoTime() - epochStart) / 1e9);
                    checkpoint(checkpoint, network, epoch, losses);
                    writeLossCurve(losses);
                }
                if (network instanceof TrainingHooks hooks) {
                    hooks.afterTraining(trainer.getManager(), data);
                }
                LearnedModel.save(network, preset, options.out(), m -> annotate(m, losses, start));
            }
        }
        return new Result(losses, (System.nanoTime() - start) / 1e9, firstEpoch);
    }

    private int batchesPerEpoch() {
        return (examples.length + preset.batchSize() - 1) / preset.batchSize();
    }

    private double epoch(Trainer trainer, int[] order, int epoch, Listener listener) {
        int batchSize = preset.batchSize();
        int batches = (order.length + batchSize - 1) / batchSize;
        double sum = 0;
        for (int b = 0; b < batches; b++) {
            int from = b * batchSize;
            int n = Math.min(batchSize, order.length - from);
            int length = preset.exampleLength();
            float[] flat = new float[n * length];
            for (int i = 0; i < n; i++) {
                System.arraycopy(examples[order[from + i]], 0, flat, i * length, length);
            }
            // A manager per batch: its arrays are freed when the batch is done.
            try (NDManager batch = trainer.getManager().newSubManager()) {
                NDArray x = batch.create(flat, new Shape(n, length));
                try (GradientCollector collector = trainer.newGradientCollector()) {
                    NDList predictions = trainer.forward(new NDList(x));
                    NDArray loss = trainer.getLoss().evaluate(new NDList(x), predictions);
                    float value = loss.getFloat();
                    if (!Float.isFinite(value)) {
                        // Before backward and step: the weights stay those of the last good batch.
                        throw new NonFiniteLossException(value, epoch + 1, b + 1, batches, epoch,
                                options.out().resolve(CHECKPOINT));
                    }
                    collector.backward(loss);
                    sum += value;
                }
                trainer.step();
            }
            if (trainer.getModel().getBlock() instanceof TrainingHooks hooks) {
                hooks.afterStep();
            }
            listener.batch(epoch, b, batches, sum / (b + 1));
        }
        return sum / batches;
    }

    private static void shuffle(int[] order, Random random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    private void checkpoint(Path dir, Block network, int epoch, List<Double> losses) throws IOException {
        Files.createDirectories(dir);
        AtomicFile.write(dir.resolve("weights.ncw"), WeightsFile.toBytes(network, false));
        ObjectNode state = ModelManifest.JSON.createObjectNode();
        state.put("preset", preset.name());
        state.put("epoch", epoch);
        state.put("seed", options.seed());
        state.set("losses", ModelManifest.JSON.valueToTree(losses));
        AtomicFile.write(dir.resolve("state.json"), ModelManifest.JSON.writeValueAsBytes(state));
    }

    /** Loads the last checkpoint into the network; returns the epoch to continue from. */
    private int resume(Path dir, Block network, NDManager manager, List<Double> losses) throws IOException {
        Path state = dir.resolve("state.json");
        if (!Files.isRegularFile(state)) {
            throw new IOException("--resume: no checkpoint in " + dir);
        }
        JsonNode json = ModelManifest.JSON.readTree(state.toFile());
        if (!preset.name().equals(json.path("preset").asText())) {
            throw new IOException("--resume: the checkpoint in " + dir + " is of preset " + json.path("preset")
                    .asText() + ", not " + preset.name());
        }
        WeightsFile.load(Files.readAllBytes(dir.resolve("weights.ncw")), network, manager, dir + "/weights.ncw");
        json.path("losses").forEach(l -> losses.add(l.asDouble()));
        return json.path("epoch").asInt() + 1;
    }

    private void writeLossCurve(List<Double> losses) throws IOException {
        StringBuilder csv = new StringBuilder("epoch,loss\n");
        for (int i = 0; i < losses.size(); i++) {
            csv.append(i + 1).append(',').append(String.format(Locale.ROOT, "%.8g", losses.get(i))).append('\n');
        }
        AtomicFile.write(options.out().resolve("loss.csv"), csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        org.neurocompress.eval.Plots.lossCurve(options.out().resolve("loss.png"), preset.name(), losses);
    }

    private void annotate(ModelManifest manifest, List<Double> losses, long start) {
        ObjectNode trainedOn = manifest.json().putObject("trained_on");
        trainedOn.put("folder", data.source());
        trainedOn.put("files", data.files());
        trainedOn.put("segments", data.segments().length);
        trainedOn.put("examples", examples.length);
        trainedOn.set("skipped", ModelManifest.JSON.valueToTree(data.skipped()));
        ObjectNode training = manifest.json().putObject("training");
        training.put("epochs", options.epochs());
        training.put("seed", options.seed());
        training.put("seconds_this_run", (System.nanoTime() - start) / 1e9);
        training.put("final_loss", losses.get(losses.size() - 1));
        training.put("optimizer", "adam");
        training.put("learning_rate", preset.learningRate());
        training.put("batch_size", preset.batchSize());
    }
}
