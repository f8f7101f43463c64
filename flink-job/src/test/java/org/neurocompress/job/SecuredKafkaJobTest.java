package org.neurocompress.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.neurocompress.job.cli.JobCommand;
import org.neurocompress.kafka.broker.LocalBroker;
import org.neurocompress.kafka.client.KafkaClientConfig;
import org.neurocompress.kafka.client.KafkaClients;
import org.neurocompress.kafka.replay.ReplayOptions;
import org.neurocompress.kafka.replay.ReplaySource;
import org.neurocompress.kafka.replay.Replayer;
import org.neurocompress.kafka.testing.LocalBrokerExtension;
import org.neurocompress.kafka.topics.Topics;
import org.neurocompress.kafka.wire.DeadLetters;
import picocli.CommandLine;

/** The job on a broker that requires SASL/PLAIN: every source and sink (dead letters too) uses --kafka-config. */
class SecuredKafkaJobTest {
    private static final Map<String, String> USERS = new LinkedHashMap<>(Map.of("admin", "admin-secret"));

    static {
        USERS.put("job", "job-secret");
    }

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @RegisterExtension
    static final LocalBrokerExtension BROKER = new LocalBrokerExtension(USERS);

    @Test
    void framesAndDeadLettersArePublishedWithTheUsersCredentials() throws Exception {
        KafkaClientConfig admin = BROKER.config();
        Topics topics = BROKER.createTopics("sec.", 2);
        new Replayer(admin, topics.samples()).run(ReplaySource.synthetic(2, 1, 4),
                new ReplayOptions(2, 1, false, 128, 2, 0), p -> { });
        try (KafkaProducer<byte[], byte[]> producer = KafkaClients.producer(admin, Map.of())) {
            producer.send(new ProducerRecord<>(topics.samples(), "not a samples record".getBytes()));
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        CompressionJob.build(env, JobConfig.builder().bootstrapServers(BROKER.bootstrapServers()).topicPrefix("sec.")
                .codec("raw", 1).samplesPerFrame(4096).reorderWindow(0).idleFlushMillis(500).checkpointMillis(500)
                .sidecarFraction(1.0).metricsWindow(2000, 1000).batch(16, 20)
                .kafkaProperties(LocalBroker.plainClientProperties("job", "job-secret")).build());
        JobClient job = env.executeAsync("secured");
        try {
            int perChannel = 19531;
            int frames = 2 * ((perChannel + 4095) / 4096);
            assertEquals(frames, BROKER.readCommitted(topics.frames(), frames, Duration.ofSeconds(90)).size());
            List<ConsumerRecord<byte[], byte[]>> dead = BROKER.readCommitted(topics.deadLetters(), 1,
                    Duration.ofSeconds(60));
            assertEquals(1, dead.size(), "the dead letter is published on the secured broker");
            assertTrue(DeadLetters.header(dead.get(0), DeadLetters.REASON).contains("short"),
                    DeadLetters.header(dead.get(0), DeadLetters.REASON));
            assertTrue(BROKER.readCommitted(topics.metrics(), 1, Duration.ofSeconds(30)).size() >= 1, "metrics");
        } finally {
            job.cancel().get();
        }
    }

    @Test
    void theJobCommandNamesWrongCredentialsBeforeItStarts(@TempDir Path dir) throws Exception {
        Path wrong = Files.writeString(dir.resolve("wrong.properties"), "security.protocol=SASL_PLAINTEXT\n"
                + "sasl.mechanism=PLAIN\nsasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule "
                + "required username=\"job\" password=\"wrong\";\n");
        CommandLine cmd = new CommandLine(new JobCommand());
        StringWriter err = new StringWriter();
        cmd.setErr(new PrintWriter(err, true));
        int exit = org.neurocompress.cli.Main.run(cmd, new String[] {"--bootstrap", BROKER.bootstrapServers(),
            "--codec", "raw", "--kafka-config", wrong.toString()});
        assertEquals(1, exit, err.toString());
        assertTrue(err.toString().contains("refused authentication"), err.toString());
    }
}
