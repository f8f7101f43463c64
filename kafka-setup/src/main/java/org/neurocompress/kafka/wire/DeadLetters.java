package org.neurocompress.kafka.wire;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;

/**
 * A rejected record: the original key and value untouched, and headers that say where it came from and why it was
 * rejected (docs/formats.md).
 */
public final class DeadLetters {
    public static final String SOURCE_TOPIC = "nc.source.topic";
    public static final String SOURCE_PARTITION = "nc.source.partition";
    public static final String SOURCE_OFFSET = "nc.source.offset";
    public static final String REASON = "nc.reason";
    public static final String SCHEMA = "nc.dead-letter.version";

    private DeadLetters() {
    }

    public static ProducerRecord<byte[], byte[]> of(String deadLetterTopic, String sourceTopic, int partition,
            long offset, byte[] key, byte[] value, String reason) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(deadLetterTopic, key, value);
        record.headers().add(SCHEMA, utf8("1"));
        record.headers().add(SOURCE_TOPIC, utf8(sourceTopic));
        record.headers().add(SOURCE_PARTITION, utf8(Integer.toString(partition)));
        record.headers().add(SOURCE_OFFSET, utf8(Long.toString(offset)));
        record.headers().add(REASON, utf8(reason));
        return record;
    }

    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
