package org.neurocompress.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
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
