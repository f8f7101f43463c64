package org.neurocompress.job.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.neurocompress.frame.Frame;
import org.neurocompress.frame.FrameReader;
import org.neurocompress.job.JobConfig;
import org.neurocompress.kafka.client.KafkaClients;
import org.neurocompress.kafka.replay.ReplayOptions;
import org.neurocompress.kafka.replay.ReplaySource;
import org.neurocompress.kafka.replay.Replayer;
import org.neurocompress.kafka.wire.MetricsRecord;
import org.neurocompress.kafka.wire.MetricsRecordFormat;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "e2e", description = "Broker, job and replay on this machine at full speed: the job's sustained "
        + "samples/s, its real-time factor, latency, peak memory, and frames lost or duplicated.")
public final class BenchE2eCommand implements Callable<Integer> {
    @Option(names = "--channels", defaultValue = "256", description = "Default: ${DEFAULT-VALUE}.")
    int channels;

    @Option(names = "--duration", defaultValue = "10", description = "Seconds of signal. Default: ${DEFAULT-VALUE}.")
    double duration;

    @Option(names = "--codec", defaultValue = "vqcae", description = "Default: ${DEFAULT-VALUE}.")
    String codec;

    @Option(names = "--level", description = "Default: the codec's default level.")
    Integer level;

    @Option(names = "--parallelism", defaultValue = "2", description = "Default: ${DEFAULT-VALUE}.")
    int parallelism;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The figures of one run. */
    public record Result(int channels, double seconds, double samplesPerSecond, double realtimeFactor,
            Double latencyMsP50, Double latencyMsP99, long peakMemoryMb, long frames, long framesLost,
            long framesDuplicated) {
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        try (LocalSystem system = LocalSystem.start(Math.max(2, parallelism))) {
            ReplaySource source = ReplaySource.synthetic(channels, Math.min(duration, 2), 1);
            err.printf("bench e2e: loading %d channels x %.0f s into the samples topic...%n", channels, duration);
            var loaded = new Replayer(system.kafka(), system.topics().samples()).run(source, new ReplayOptions(
                    channels, duration, false, 256, Math.min(channels, 1024), 0), p -> { });
            JobConfig config = system.jobConfig(spec.commandLine(), codec, level, "--parallelism",
                    Integer.toString(parallelism), "--metrics-window-ms", "2000");
            long perChannel = Math.round(duration * source.sampleRate());
            long expectedFrames = channels * ((perChannel + config.samplesPerFrame() - 1) / config.samplesPerFrame());
            err.printf("bench e2e: %d samples loaded; running the job (%s level %d, parallelism %d)...%n",
                    loaded.samples(), config.codec(), config.level(), parallelism);
            system.startJob(config, parallelism);
            Result result = measure(system, config, expectedFrames, loaded.samples());
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                        .enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result));
            } else {
                out.printf(Locale.ROOT, "bench e2e: %d channels, %.2f M samples/s sustained (real-time factor %.2f "
                        + "for %d channels at %d Hz), latency p50 %s ms p99 %s ms, peak memory %d MB, frames %d, "
                        + "lost %d, duplicated %d%n", channels, result.samplesPerSecond() / 1e6,
                        result.realtimeFactor(), channels, source.sampleRate(), result.latencyMsP50(),
                        result.latencyMsP99(), result.peakMemoryMb(), result.frames(), result.framesLost(),
                        result.framesDuplicated());
            }
            out.flush();
        }
        return 0;
    }

    /** Reads committed frames until all arrived (or 10 minutes): throughput from the first frame to the last. */
    private Result measure(LocalSystem system, JobConfig config, long expectedFrames, long samples) throws Exception {
        Set<String> seen = new HashSet<>();
        long duplicates = 0;
        long first = 0;
        long last = 0;
        try (KafkaConsumer<byte[], byte[]> c = KafkaClients.consumer(system.kafka(), Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"))) {
            KafkaClients.assignAll(c, system.topics().frames(), true);
            long start = System.nanoTime();
            long deadline = start + Duration.ofMinutes(10).toNanos();
            while (seen.size() < expectedFrames && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(100))) {
                    Frame f = FrameReader.parse(r.value());
                    if (!seen.add(f.channel() + "@" + f.firstSampleIndex())) {
                        duplicates++;
                    }
                    long now = System.nanoTime();
                    first = first == 0 ? now : first;
                    last = now;
                }
            }
        }
        List<Double> p50 = new ArrayList<>();
        List<Double> p99 = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : KafkaClients.readToEnd(system.kafka(), system.topics().metrics(),
                Duration.ofSeconds(30))) {
            MetricsRecord m = MetricsRecordFormat.parse(r.value());
            if (m.isGlobal() && m.latencyMsP50() != null) {
                p50.add(m.latencyMsP50());
                p99.add(m.latencyMsP99());
            }
        }
        double seconds = Math.max(1e-3, (last - first) / 1e9);
        double rate = samples / seconds;
        return new Result(channels, duration, rate, rate / (channels * 19531.0), median(p50), p99.stream().max(
                Double::compare).orElse(null), org.neurocompress.bench.CodecBenchmark.peakRssMb(), seen.size(),
                Math.max(0, expectedFrames - seen.size()), duplicates);
    }

    private static Double median(List<Double> values) {
        if (values.isEmpty()) {
            return null;
        }
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
