package org.neurocompress.kafka.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.neurocompress.kafka.broker.LocalBroker;
import org.neurocompress.kafka.client.KafkaClientConfig;
import org.neurocompress.kafka.client.KafkaClients;
import org.neurocompress.kafka.topics.TopicAdmin;
import org.neurocompress.kafka.topics.TopicSpec;
import org.neurocompress.kafka.topics.Topics;

/** A real KRaft broker for a test class (register it as a static field), and the reads the tests share. */
public final class LocalBrokerExtension implements BeforeAllCallback, AfterAllCallback {
    private final Map<String, String> plainUsers;
    private Path dir;
    private LocalBroker broker;

    public LocalBrokerExtension() {
        this(Map.of());
    }

    /**
     * A broker whose clients must authenticate with SASL/PLAIN as one of {@code plainUsers} (name to password, the
     * first is the broker's own and the one {@link #config()} uses).
     */
    public LocalBrokerExtension(Map<String, String> plainUsers) {
        this.plainUsers = plainUsers;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dir = Files.createTempDirectory("test-broker");
        broker = LocalBroker.start(dir, 0, plainUsers);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        broker.close();
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public KafkaClientConfig config() {
        if (plainUsers.isEmpty()) {
            return KafkaClientConfig.of(broker.bootstrapServers());
        }
        Map.Entry<String, String> user = plainUsers.entrySet().iterator().next();
        return KafkaClientConfig.of(broker.bootstrapServers(), LocalBroker.plainClientProperties(user.getKey(),
                user.getValue()));
    }

    /** Creates the four topics under {@code prefix}. */
    public Topics createTopics(String prefix, int partitions) throws Exception {
        Topics topics = Topics.withPrefix(prefix);
        try (Admin admin = KafkaClients.admin(config())) {
            new TopicAdmin(admin).create(TopicSpec.layout(topics, partitions, (short) 1));
        }
        return topics;
    }

    /**
     * Reads committed records of {@code topic} until {@code atLeast} arrived, then 2 s more to catch any extra, or
     * until {@code timeout}.
     */
    public List<ConsumerRecord<byte[], byte[]>> readCommitted(String topic, int atLeast, Duration timeout)
            throws Exception {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = KafkaClients.consumer(config(), Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"))) {
            KafkaClients.assignAll(c, topic, true);
            long end = System.nanoTime() + timeout.toNanos();
            long settle = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(end, settle)) {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
                if (out.size() >= atLeast && settle == Long.MAX_VALUE) {
                    settle = System.nanoTime() + 2_000_000_000L;
                }
            }
        }
        return out;
    }
}
