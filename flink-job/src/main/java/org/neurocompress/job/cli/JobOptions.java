package org.neurocompress.job.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.neurocompress.codec.Codec;
import org.neurocompress.codec.Codecs;
import org.neurocompress.job.JobConfig;
import org.neurocompress.kafka.client.KafkaOptions;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The job's configuration as command-line options (docs/job.md); each wrong value is named at start. */
public final class JobOptions {
    @Mixin
    public KafkaOptions kafka;

    @Option(names = "--codec", defaultValue = Codecs.DEFAULT, description = "Codec. Default: ${DEFAULT-VALUE}.")
    String codec;

    @Option(names = "--level", description = "Codec level. Default: the codec's default level.")
    Integer level;

    @Option(names = "--model", paramLabel = "DIR", description = "Model folder of a learned codec. Default: the "
            + "model shipped in the jar.")
    Path model;

    @Option(names = "--segments-per-frame", description = "Segments in one frame. Default: the level's.")
    Integer segmentsPerFrame;

    @Option(names = "--reorder-window", defaultValue = "4096", description = "Samples a channel waits for "
            + "late samples before declaring a gap. Default: ${DEFAULT-VALUE}.")
    int reorderWindow;

    @Option(names = "--idle-flush-ms", defaultValue = "2000", description = "Flush a channel quiet this long. "
            + "Default: ${DEFAULT-VALUE}.")
    long idleFlushMillis;

    @Option(names = "--batch-size", defaultValue = "64", description = "Blocks of many channels encoded in one "
            + "codec call. Default: ${DEFAULT-VALUE}.")
    int maxBatch;

    @Option(names = "--batch-samples", defaultValue = "" + JobConfig.DEFAULT_BATCH_SAMPLES, description = "A batch "
            + "is also encoded once its blocks hold this many samples: at high ratios a frame is long, and every "
            + "frame of a batch waits for the whole batch. Default: ${DEFAULT-VALUE}.")
    int maxBatchSamples;

    @Option(names = "--batch-wait-ms", defaultValue = "50", description = "Longest a block waits for its batch. "
            + "Default: ${DEFAULT-VALUE}.")
    long batchWaitMillis;

    @Option(names = "--delivery", defaultValue = "exactly-once", description = "exactly-once or at-least-once. "
            + "Default: ${DEFAULT-VALUE}.")
    String delivery;

    @Option(names = "--checkpoint-ms", defaultValue = "2000", description = "Checkpoint interval; frames become "
            + "visible to read_committed consumers at each checkpoint. Default: ${DEFAULT-VALUE}.")
    long checkpointMillis;

    @Option(names = "--parallelism", defaultValue = "2", description = "Default: ${DEFAULT-VALUE}.")
    int parallelism;

    @Option(names = "--sidecar-fraction", defaultValue = "0.25", description = "Fraction of frames whose quality "
            + "is measured: one frame slot in round(1/F) of every channel, rotating over the channels, so every "
            + "channel is watched; 1 measures every frame, 0 turns the sidecar off. Default: ${DEFAULT-VALUE}.")
    double sidecarFraction;

    @Option(names = "--metrics-window-ms", defaultValue = "10000", description = "Default: ${DEFAULT-VALUE}.")
    long metricsWindowMillis;

    @Option(names = "--metrics-slide-ms", defaultValue = "1000", description = "Default: ${DEFAULT-VALUE}.")
    long metricsSlideMillis;

    private java.util.Map<String, String> kafkaProperties(CommandLine commandLine) {
        try {
            java.util.Map<String, String> props = new java.util.HashMap<>();
            kafka.clientConfig(commandLine).clientProperties().forEach((k, v) -> props.put(k, String.valueOf(v)));
            props.remove("bootstrap.servers");
            return props;
        } catch (java.io.IOException e) {
            throw new CommandLine.ParameterException(commandLine, "--kafka-config " + kafka.kafkaConfig + ": "
                    + e.getMessage());
        }
    }

    /** Validates the options against each other and the codec, naming the first wrong one. */
    public JobConfig toConfig(CommandLine commandLine) {
        if (!delivery.equals("exactly-once") && !delivery.equals("at-least-once")) {
            throw new CommandLine.ParameterException(commandLine, "--delivery must be exactly-once or at-least-once, "
                    + "not '" + delivery + "'");
        }
        if (!Codecs.names().contains(codec)) {
            throw new CommandLine.ParameterException(commandLine, "--codec: unknown codec '" + codec + "' (known: "
                    + String.join(", ", Codecs.names()) + ")");
        }
        if (model != null && !Files.isDirectory(model)) {
            throw new CommandLine.ParameterException(commandLine, "--model " + model + ": no such folder");
        }
        int chosenLevel;
        int samplesPerFrame;
        try (Codec c = Codecs.create(codec, java.util.Optional.ofNullable(model))) {
            chosenLevel = level == null ? c.defaultLevel() : level;
            if (chosenLevel < 1 || chosenLevel > c.levels().size()) {
                throw new CommandLine.ParameterException(commandLine, "--level " + chosenLevel + ": codec '" + codec
                        + "' has levels 1.." + c.levels().size());
            }
            int segments = segmentsPerFrame == null ? c.level(chosenLevel).segmentsPerFrame() : segmentsPerFrame;
            if (segments < 1) {
                throw new CommandLine.ParameterException(commandLine, "--segments-per-frame must be at least 1");
            }
            samplesPerFrame = segments * c.segmentLength();
        } catch (java.io.IOException e) {
            throw new CommandLine.ParameterException(commandLine, "--codec " + codec + ": " + e.getMessage());
        }
        try {
            return JobConfig.builder().bootstrapServers(kafka.bootstrap).topicPrefix(kafka.topicPrefix)
                    .codec(codec, chosenLevel).modelDir(model == null ? null : model.toAbsolutePath().toString())
                    .samplesPerFrame(samplesPerFrame).reorderWindow(reorderWindow).idleFlushMillis(idleFlushMillis)
                    .exactlyOnce(delivery.equals("exactly-once")).checkpointMillis(checkpointMillis)
                    .parallelism(parallelism).sidecarFraction(sidecarFraction)
                    .metricsWindow(metricsWindowMillis, metricsSlideMillis).batch(maxBatch, batchWaitMillis)
                    .batchSamples(maxBatchSamples)
                    .kafkaProperties(kafkaProperties(commandLine)).build();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(commandLine, e.getMessage());
        }
    }
}
