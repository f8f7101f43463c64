package org.neurocompress.kafka.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.neurocompress.io.JsonOutput;
import org.neurocompress.kafka.client.KafkaOptions;
import org.neurocompress.kafka.consume.ChannelFilter;
import org.neurocompress.kafka.consume.CodecCatalog;
import org.neurocompress.kafka.consume.FrameConsumer;
import org.neurocompress.kafka.consume.IntegritySummary;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "consume", description = "Read committed frames, decode each with the model it names, write a WAV "
        + "per channel and an integrity summary.")
final class ConsumeCommand implements Callable<Integer> {
    @Mixin
    KafkaOptions kafka;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Folder for the WAV files and "
            + "summary.json.")
    Path out;

    @Option(names = "--channels", paramLabel = "LIST", description = "Only these channels, e.g. 0-3,7.")
    String channels;

    @Option(names = "--model", paramLabel = "DIR", description = "Model folder of a learned codec (repeatable); "
            + "each frame is decoded with the one its fingerprint names.")
    List<Path> models = List.of();

    @Option(names = "--idle-timeout", paramLabel = "S", defaultValue = "10",
            description = "Stop when no frame arrived for S seconds. Default: ${DEFAULT-VALUE}.")
    double idleTimeout;

    @Option(names = "--max-frames", paramLabel = "N", description = "Stop after N frames.")
    Long maxFrames;

    @Option(names = "--group", paramLabel = "NAME", description = "Kafka consumer group: start where its last run "
            + "stopped (committed offsets) and go on with the files that run wrote in --out; offsets are committed "
            + "after the files are written. Without it every run reads the whole topic into new files.")
    String group;

    @Option(names = "--from-beginning", description = "With --group: ignore its committed offsets, read the topic "
            + "from the beginning into new files (then commit as usual).")
    boolean fromBeginning;

    @Option(names = "--json", description = "Print the summary as JSON.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ChannelFilter filter;
        try {
            filter = ChannelFilter.parse(channels);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--channels: " + e.getMessage());
        }
        if (fromBeginning && group == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--from-beginning needs --group (without a "
                    + "group every run reads from the beginning)");
        }
        PrintWriter err = spec.commandLine().getErr();
        FrameConsumer consumer = new FrameConsumer(kafka.clientConfig(spec.commandLine()), kafka.topics().frames(),
                out, new CodecCatalog(models), filter, problem -> err.println("consume: " + problem),
                new FrameConsumer.Group(group, group == null || fromBeginning));
        IntegritySummary summary;
        try (Interrupts interrupts = new Interrupts(consumer::stop)) {
            summary = consumer.run(Duration.ofMillis((long) (idleTimeout * 1000)),
                    maxFrames == null ? Long.MAX_VALUE : maxFrames);
            PrintWriter stdout = spec.commandLine().getOut();
            if (json) {
                stdout.println(JsonOutput.of(summary));
            } else {
                stdout.printf("consume: %d frames, %d samples, %d channels -> %s; gaps %d (%d samples), duplicates %d, "
                        + "checksum failures %d, malformed %d, undecodable %d%n", summary.frames(), summary.samples(),
                        summary.channels(), out, summary.gaps(), summary.gapSamples(), summary.duplicates(),
                        summary.checksumFailures(), summary.malformed(), summary.undecodable());
            }
            stdout.flush();
        }
        return 0;
    }
}
