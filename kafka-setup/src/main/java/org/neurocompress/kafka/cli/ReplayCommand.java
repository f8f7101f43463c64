package org.neurocompress.kafka.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.neurocompress.io.JsonOutput;
import org.neurocompress.kafka.client.KafkaClientConfig;
import org.neurocompress.kafka.client.KafkaClients;
import org.neurocompress.kafka.client.KafkaOptions;
import org.neurocompress.kafka.replay.ReplayOptions;
import org.neurocompress.kafka.replay.ReplaySource;
import org.neurocompress.kafka.replay.ReplaySummary;
import org.neurocompress.kafka.replay.Replayer;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "replay", description = "Replay recordings (or generated electrodes) into the samples topic, at "
        + "real-time pace or as fast as the broker takes them.")
final class ReplayCommand implements Callable<Integer> {
    @Mixin
    KafkaOptions kafka;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--recordings", paramLabel = "DIR", description = "WAV files or folders: each file's "
                + "channels become channels, looping when more channels are asked for.")
        List<Path> recordings;

        @Option(names = "--synthetic", description = "Generated N1-like electrodes.")
        boolean synthetic;
    }

    @Option(names = "--channels", paramLabel = "N", description = "Channels to send. Default: one per source "
            + "channel (--recordings) or 16 (--synthetic).")
    Integer channels;

    @Option(names = "--duration", paramLabel = "S", defaultValue = "10", description = "Seconds of signal to send. "
            + "Default: ${DEFAULT-VALUE}.")
    double duration;

    @Option(names = "--rate", paramLabel = "realtime|max", defaultValue = "realtime",
            description = "Pace: realtime (each file's sample rate) or max. Default: ${DEFAULT-VALUE}.")
    String rate;

    @Option(names = "--packet-samples", paramLabel = "K", defaultValue = "64",
            description = "Samples per channel in one record. Default: ${DEFAULT-VALUE}.")
    int packetSamples;

    @Option(names = "--channels-per-record", paramLabel = "C", description = "Channels in one record: all of "
            + "them by default, up to 1024 (an implant packet); 1 for one record per channel.")
    Integer channelsPerRecord;

    @Option(names = "--device", defaultValue = "0", description = "Device id in the records. Default: 0.")
    long device;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of --synthetic. Default: 1.")
    long seed;

    @Option(names = "--json", description = "Print the closing summary as JSON.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!rate.equals("realtime") && !rate.equals("max")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--rate must be realtime or max, not '"
                    + rate + "'");
        }
        KafkaClientConfig config = kafka.clientConfig(spec.commandLine());
        KafkaClients.checkReachable(config);
        ReplaySource replaySource = source.synthetic
                ? ReplaySource.synthetic(channels == null ? 16 : channels, Math.min(duration, 2.0), seed)
                : ReplaySource.recordings(source.recordings);
        int n = channels != null ? channels : source.synthetic ? 16 : replaySource.sourceChannels();
        ReplayOptions options;
        try {
            options = new ReplayOptions(n, duration, rate.equals("realtime"), packetSamples,
                    channelsPerRecord == null ? Math.min(n, 1024) : channelsPerRecord, device);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter err = spec.commandLine().getErr();
        err.printf("replay: %s -> %s at %s as %d channel(s), %s%n", replaySource.description(),
                kafka.topics().samples(), config.describe(), n, rate.equals("max") ? "as fast as possible"
                        : "in real time");
        Replayer replayer = new Replayer(config, kafka.topics().samples());
        ReplaySummary summary;
        try (Interrupts interrupts = new Interrupts(replayer::stop)) {
            summary = replayer.run(replaySource, options, p -> {
                err.printf(Locale.ROOT, "\rreplay: %.0f s, %.2f M samples/s, %d channels, %.1f s behind real time   ",
                        p.seconds(), p.samples() / p.seconds() / 1e6, n, p.behindSeconds());
                err.flush();
            });
            err.println();
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(JsonOutput.of(summary));
            } else {
                out.printf(Locale.ROOT, "replay: %d samples (%.1f s of %d channels) in %d records, %.1f MB, in %.2f s: "
                        + "%.2f M samples/s%n", summary.samples(), summary.signalSeconds(), summary.channels(),
                        summary.records(), summary.bytes() / 1e6, summary.seconds(), summary.samplesPerSecond() / 1e6);
            }
            out.flush();
        }
        return 0;
    }
}
