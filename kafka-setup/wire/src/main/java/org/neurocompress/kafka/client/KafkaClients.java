package org.neurocompress.kafka.client;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Builds the Kafka clients the tools use, and fails fast when no broker answers. */
public final class KafkaClients {
    private KafkaClients() {
    }

    /** An admin client that has answered within {@link KafkaClientConfig#CONNECT_TIMEOUT_MS}. */
    public static Admin admin(KafkaClientConfig config) throws UnreachableBrokerException,
            KafkaAuthenticationException {
        Map<String, Object> props = config.clientProperties();
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, KafkaClientConfig.CONNECT_TIMEOUT_MS);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, KafkaClientConfig.CONNECT_TIMEOUT_MS);
        Admin admin = Admin.create(props);
        try {
            admin.describeCluster().clusterId().get(KafkaClientConfig.CONNECT_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            return admin;
        } catch (TimeoutException | ExecutionException e) {
            admin.close(Duration.ZERO);
            Throwable cause = e instanceof ExecutionException ? e.getCause() : null;
            if (cause instanceof org.apache.kafka.common.errors.AuthenticationException) {
                throw new KafkaAuthenticationException(config, cause);
            }
            throw new UnreachableBrokerException(config, cause);
        } catch (InterruptedException e) {
            admin.close(Duration.ZERO);
            Thread.currentThread().interrupt();
            throw new UnreachableBrokerException(config, e);
        }
    }

    /** Checks that a broker answers, so a tool can say so at once instead of retrying forever. */
    public static void checkReachable(KafkaClientConfig config) throws UnreachableBrokerException,
            KafkaAuthenticationException {
        admin(config).close();
    }

    public static KafkaProducer<byte[], byte[]> producer(KafkaClientConfig config, Map<String, Object> extra) {
        Map<String, Object> props = config.clientProperties();
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        props.putAll(extra);
        return new KafkaProducer<>(props);
    }

    /**
     * Assigns every partition of {@code topic} to {@code consumer}, from the beginning or the end; a missing topic
     * is an error that says how to create it.
     */
    public static void assignAll(KafkaConsumer<byte[], byte[]> consumer, String topic, boolean fromBeginning)
            throws IOException {
        List<PartitionInfo> infos = consumer.partitionsFor(topic,
                Duration.ofMillis(KafkaClientConfig.CONNECT_TIMEOUT_MS));
        if (infos == null || infos.isEmpty()) {
            throw new IOException("topic " + topic + " does not exist: run 'neurocompress topics create'");
        }
        List<TopicPartition> partitions = infos.stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        if (fromBeginning) {
            consumer.seekToBeginning(partitions);
        } else {
            consumer.seekToEnd(partitions);
        }
    }

    /**
     * Every committed record of {@code topic} up to its end offsets as of now (for reports; bounded by
     * {@code timeout}).
     */
    public static List<ConsumerRecord<byte[], byte[]>> readToEnd(
            KafkaClientConfig config, String topic, Duration timeout) throws IOException {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = consumer(config, Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed"))) {
            assignAll(c, topic, true);
            Map<TopicPartition, Long> end = c.endOffsets(c.assignment());
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline && c.assignment().stream().anyMatch(p -> c.position(p) < end.get(p))) {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }

    public static KafkaConsumer<byte[], byte[]> consumer(KafkaClientConfig config, Map<String, Object> extra) {
        Map<String, Object> props = config.clientProperties();
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.putAll(extra);
        return new KafkaConsumer<>(props);
    }
}
