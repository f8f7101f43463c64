package org.neurocompress.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.flink.configuration.Configuration;
import org.neurocompress.job.CompressionJob;
import org.neurocompress.job.Monitoring;
import org.neurocompress.job.JobConfig;
import org.neurocompress.job.cli.JobOptions;
import org.neurocompress.kafka.broker.LocalBroker;
import org.neurocompress.kafka.client.KafkaClientConfig;
import org.neurocompress.kafka.client.KafkaClients;
import org.neurocompress.kafka.topics.TopicAdmin;
import org.neurocompress.kafka.topics.TopicSpec;
import org.neurocompress.kafka.topics.Topics;

/**
 * The whole system in this process, for the demo and the end-to-end benchmark: a Kafka broker in a temporary
 * folder, the topics, and the job in a Flink MiniCluster. Closing it cancels the job and removes everything.
 */
final class LocalSystem implements AutoCloseable {
    private final Path work;
    private final LocalBroker broker;
    private volatile JobClient job;

    private LocalSystem(Path work, LocalBroker broker) {
        this.work = work;
        this.broker = broker;
    }

    static LocalSystem start(int partitions) throws Exception {
        Path work = Files.createTempDirectory("neurocompress-local");
        LocalBroker broker = LocalBroker.start(work.resolve("kafka"), 0);
        LocalSystem system = new LocalSystem(work, broker);
        try (Admin admin = KafkaClients.admin(system.kafka())) {
            new TopicAdmin(admin).create(TopicSpec.layout(system.topics(), partitions, (short) 1));
        }
        return system;
    }

    /**
     * Makes the samples topic keep at least {@code bytes} of records, or fails with what the disk lacks. The local
     * broker keeps 4 GB a partition, and a bench loads its whole run before the job starts, possibly into one
     * partition (a replay record holds up to 1024 channels under one key): 1024 channels of 120 s lost their first
     * seconds to retention before the job read them.
     */
    void keepSamples(long bytes) throws Exception {
        long free = Files.getFileStore(work).getUsableSpace();
        long needed = bytes + (1L << 30);
        if (needed > free) {
            throw new IllegalStateException(String.format(Locale.ROOT, "%.1f GB of samples to load, but %.1f GB "
                    + "free in %s (with 1 GB to spare): fewer channels or seconds", bytes / 1e9, free / 1e9, work));
        }
        long retention = Math.max(LocalBroker.RETENTION_BYTES, bytes + bytes / 4);
        try (Admin admin = KafkaClients.admin(kafka())) {
            admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, topics().samples()),
                    List.of(new AlterConfigOp(new ConfigEntry("retention.bytes", Long.toString(retention)),
                            AlterConfigOp.OpType.SET)))).all().get();
        }
    }

    String bootstrapServers() {
        return broker.bootstrapServers();
    }

    KafkaClientConfig kafka() {
        return KafkaClientConfig.of(broker.bootstrapServers());
    }

    Topics topics() {
        return Topics.defaults();
    }

    /**
     * The job's configuration for this local system: its broker, quick checkpoints and idle flush so short runs
     * finish promptly, and the caller's codec, level and further options.
     */
    JobConfig jobConfig(picocli.CommandLine commandLine, String codec, Integer level, String... more) {
        JobOptions options = new picocli.CommandLine(new JobOptions()).getCommand();
        picocli.CommandLine.populateCommand(options, jobArgs(codec, level, more).toArray(String[]::new));
        return options.toConfig(commandLine);
    }

    /** The same configuration as the job's command-line arguments, for a job submitted to a cluster. */
    List<String> jobArgs(String codec, Integer level, String... more) {
        List<String> args = new ArrayList<>(List.of("--bootstrap", bootstrapServers(), "--codec", codec,
                "--checkpoint-ms", "1000", "--idle-flush-ms", "1000"));
        if (level != null) {
            args.addAll(List.of("--level", level.toString()));
        }
        args.addAll(List.of(more));
        return args;
    }

    /** A folder of this system's, removed when it closes. */
    Path work() {
        return work;
    }

    void startJob(JobConfig config, int parallelism) throws Exception {
        startJob(config, parallelism, null);
    }

    /** With {@code prometheusPort}, the job's metrics are served at http://localhost:PORT/metrics. */
    void startJob(JobConfig config, int parallelism, Integer prometheusPort) throws Exception {
        // Checkpoints go to files: with many channels the open blocks outgrow the JobManager's 5 MB memory storage.
        Configuration conf = CompressionJob.checkpointsIn(work.resolve("checkpoints").toUri().toString());
        if (prometheusPort != null) {
            conf.addAll(Monitoring.prometheus(Integer.toString(prometheusPort)));
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
        CompressionJob.build(env, config);
        job = env.executeAsync("neurocompress " + config.codec() + " level " + config.level());
    }

    @Override
    public void close() {
        try {
            if (job != null) {
                job.cancel().get();
            }
        } catch (Exception e) {
            // already finished or failed: nothing to cancel
        }
        broker.close();
        deleteTree(work);
    }

    /** Removes a temporary folder and everything in it, as far as it can. */
    static void deleteTree(Path folder) {
        try (var files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            // a temporary folder: the OS cleans it eventually
        }
    }
}
