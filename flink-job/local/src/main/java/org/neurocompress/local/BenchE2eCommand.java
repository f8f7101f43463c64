package org.neurocompress.local;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.neurocompress.frame.FrameReader;
import org.neurocompress.job.JobConfig;
import org.neurocompress.kafka.client.KafkaClients;
import org.neurocompress.kafka.replay.ReplayOptions;
import org.neurocompress.kafka.replay.ReplaySource;
import org.neurocompress.kafka.replay.Replayer;
import org.neurocompress.kafka.wire.MetricsRecord;
import org.neurocompress.kafka.wire.MetricsRecordFormat;
import org.neurocompress.local.cluster.ClusterLayout;
import org.neurocompress.local.cluster.StandaloneCluster;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "e2e", description = "Broker, job and replay on this machine at full speed: the job's sustained "
        + "samples/s, its real-time factor, latency, peak memory, and frames lost or duplicated.")
public final class BenchE2eCommand implements Callable<Integer> {
    @CommandLine.Mixin
    BenchWorkload workload;

    @Option(names = "--parallelism", defaultValue = "2", description = "Default: ${DEFAULT-VALUE}.")
    int parallelism;

    @Option(names = "--cluster", description = "Run the job on a standalone Flink cluster of separate JVMs on this "
            + "machine (a JobManager and --task-managers TaskManagers; the job jar submitted as flink run does) "
            + "instead of a MiniCluster in this process; broker, replay and reader stay in this process.")
    boolean cluster;

    @Option(names = "--task-managers", defaultValue = "2", description = "With --cluster: how many TaskManagers, "
            + "each with ceil(parallelism / this) slots. Default: ${DEFAULT-VALUE}.")
    int taskManagers;

    @Option(names = "--task-manager-memory", defaultValue = StandaloneCluster.Size.DEFAULT_MEMORY, description =
            "With --cluster: each TaskManager's memory (Flink's taskmanager.memory.process.size). "
            + "Default: ${DEFAULT-VALUE}.")
    String taskManagerMemory;

    @Option(names = "--warmup", defaultValue = "30", paramLabel = "SECONDS", description = "Seconds of signal the "
            + "job drains before the measured --duration: its JIT compilers (Flink's, Kafka's and the codec's code in "
            + "one JVM on few cores) take about a minute to settle, and a long-running job's rate is the figure. "
            + "Warm-up frames are checked for loss and duplicates, not timed; 0 measures from the job's first frame. "
            + "Default: ${DEFAULT-VALUE}.")
    double warmup;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * The figures of one run. {@code samplesPerSecond} and {@code realtimeFactor} are null when the run was too short
     * to measure; {@code taskManagers} and {@code restarts} (of the job, Flink's numRestarts) are null when the job
     * ran in this process; {@code peakMemoryMb} sums the peaks of this process and of the cluster's. Rate and
     * latency are of the {@code seconds} after the {@code warmupSeconds}; frames, lost and duplicated of both.
     */
    public record Result(int channels, double seconds, double warmupSeconds, Integer taskManagers,
            Double samplesPerSecond, Double realtimeFactor, Double latencyMsP50, Double latencyMsP99,
            long peakMemoryMb, long frames, long framesLost, long framesDuplicated, Long restarts, String cpu) {
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        workload.check(spec.commandLine());
        int channels = workload.channels;
        double duration = workload.duration;
        String codec = workload.codec;
        Integer level = workload.level;
        if (!(warmup >= 0)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--warmup must be 0 or more seconds");
        }
        if (taskManagers < 1 || parallelism < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--task-managers and --parallelism must be "
                    + "at least 1");
        }
        Path jobJar = cluster ? ClusterLayout.jobJar() : null;
        try (LocalSystem system = LocalSystem.start(Math.max(2, parallelism))) {
            ReplaySource source = workload.source();
            ReplayOptions replay = new ReplayOptions(channels, warmup + duration, false, 256, Math.min(channels, 1024),
                    0);
            system.keepSamples(replay.recordBytes(source.sampleRate()));
            err.printf("bench e2e: loading %d channels x %.0f s (%s%s) into the samples topic...%n", channels,
                    warmup + duration, warmup > 0 ? String.format(Locale.ROOT, "%.0f s of warm-up, then ", warmup)
                            : "", source.description());
            var loaded = new Replayer(system.kafka(), system.topics().samples()).run(source, replay, p -> { });
            String[] options = {"--parallelism", Integer.toString(parallelism), "--metrics-window-ms", "2000",
                "--sidecar-fraction", Double.toString(workload.sidecarFraction)};
            JobConfig config = system.jobConfig(spec.commandLine(), codec, level, options);
            err.printf("bench e2e: %d samples loaded; running the job (%s level %d, parallelism %d%s)...%n",
                    loaded.samples(), config.codec(), config.level(), parallelism, cluster ? ", on a standalone "
                            + "cluster of " + taskManagers + " TaskManagers" : "");
            Result result;
            if (cluster) {
                int slots = (parallelism + taskManagers - 1) / taskManagers;
                // The cluster's logs outlive a failed run, for a look at what went wrong; a good run removes them.
                Path logs = Files.createTempDirectory("neurocompress-cluster-logs");
                try (StandaloneCluster flink = StandaloneCluster.start(system.work().resolve("flink"), logs,
                        ClusterLayout.clusterLib(), new StandaloneCluster.Size(taskManagers, slots,
                                taskManagerMemory))) {
                    String jobId = flink.submit(jobJar, system.jobArgs(codec, level, options));
                    flink.awaitRunning(jobId, Duration.ofMinutes(3));
                    result = measure(system, config, source.sampleRate(), flink, jobId);
                    flink.cancel(jobId);
                } catch (Exception | AssertionError e) {
                    err.println("bench e2e: the cluster's logs are kept in " + logs);
                    throw e;
                }
                if (result.framesLost() > 0 || (result.restarts() != null && result.restarts() > 0)) {
                    err.println("bench e2e: frames lost or the job restarted; the cluster's logs are kept in " + logs);
                } else {
                    LocalSystem.deleteTree(logs);
                }
            } else {
                system.startJob(config, parallelism);
                result = measure(system, config, source.sampleRate(), null, null);
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(org.neurocompress.io.JsonOutput.of(result));
            } else {
                String rate = result.samplesPerSecond() == null ? "too short a run to measure"
                        : String.format(Locale.ROOT, "%.2f M samples/s sustained (real-time factor %.2f",
                                result.samplesPerSecond() / 1e6, result.realtimeFactor());
                out.printf(Locale.ROOT, "bench e2e: %d channels%s, %s for %d channels at %d Hz), latency p50 %s ms "
                        + "p99 %s ms, peak memory %d MB, frames %d, lost %d, duplicated %d%s; %s%n", channels,
                        cluster ? " on " + taskManagers + " TaskManagers" : "", rate, channels,
                        source.sampleRate(), result.latencyMsP50(),
                        result.latencyMsP99(), result.peakMemoryMb(), result.frames(), result.framesLost(),
                        result.framesDuplicated(), result.restarts() == null ? "" : ", job restarts "
                                + result.restarts(), result.cpu());
            }
            out.flush();
        }
        return 0;
    }

    /** Reads committed frames until every sample arrived (or 10 minutes), then the sidecar's latency records. */
    private Result measure(LocalSystem system, JobConfig config, int sampleRate, StandaloneCluster flink,
            String jobId) throws Exception {
        int channels = workload.channels;
        double duration = workload.duration;
        long samplesPerChannel = Math.round((warmup + duration) * sampleRate);
        FrameTally tally = new FrameTally(channels, samplesPerChannel, config.samplesPerFrame(),
                Math.round(warmup * sampleRate));
        try (KafkaConsumer<byte[], byte[]> c = KafkaClients.consumer(system.kafka(), Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"))) {
            KafkaClients.assignAll(c, system.topics().frames(), true);
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (!tally.complete() && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(100))) {
                    tally.add(FrameReader.parse(r.value()), System.nanoTime());
                }
            }
        }
        // Latency of the measured part only: metric windows that started after its clock did.
        long clockStartMillis = tally.clockStartNanos() == 0 ? Long.MAX_VALUE
                : System.currentTimeMillis() - (System.nanoTime() - tally.clockStartNanos()) / 1_000_000;
        List<Double> p50 = new ArrayList<>();
        List<Double> p99 = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : KafkaClients.readToEnd(system.kafka(), system.topics().metrics(),
                Duration.ofSeconds(30))) {
            MetricsRecord m = MetricsRecordFormat.parse(r.value());
            if (m.isGlobal() && m.latencyMsP50() != null
                    && m.windowStartMs() >= clockStartMillis) {
                p50.add(m.latencyMsP50());
                p99.add(m.latencyMsP99());
            }
        }
        Double rate = tally.samplesPerSecond();
        if (rate == null) {
            spec.commandLine().getErr().println("bench e2e: every whole frame came with the first checkpoint: too "
                    + "short a run to measure throughput (more channels or a longer --duration)");
        }
        Double realtimeFactor = rate == null ? null : rate / ((double) channels * sampleRate);
        Double worstP99 = p99.stream().max(Double::compare).orElse(null);
        long peak = org.neurocompress.bench.CodecBenchmark.peakRssMb() + (flink == null ? 0 : flink.peakRssMb());
        return new Result(channels, duration, warmup, flink == null ? null : taskManagers, rate, realtimeFactor,
                median(p50), worstP99, peak, tally.frames(), tally.missingStretches(), tally.duplicates(),
                flink == null ? null : flink.restarts(jobId), org.neurocompress.bench.Machine.describe());
    }

    private static Double median(List<Double> values) {
        if (values.isEmpty()) {
            return null;
        }
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
