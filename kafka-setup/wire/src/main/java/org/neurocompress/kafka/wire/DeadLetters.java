package org.neurocompress.kafka.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;

/**
 * A rejected record: the original key and value, and headers that say where it came from and why it was rejected
 * (docs/formats.md, version 2). A key or value over {@link #MAX_KEPT_WHOLE} bytes is cut to its first
 * {@link #KEPT_WHEN_CUT}: a record as large as the broker allows could not be forwarded whole with headers added,
 * and the job must not fail on it.
 */
public final class DeadLetters {
    public static final String SOURCE_TOPIC = "nc.source.topic";
    public static final String SOURCE_PARTITION = "nc.source.partition";
    public static final String SOURCE_OFFSET = "nc.source.offset";
    public static final String REASON = "nc.reason";
    public static final String SCHEMA = "nc.dead-letter.version";
    public static final String KEY_CUT_FROM = "nc.key.cut-from";
    public static final String VALUE_CUT_FROM = "nc.value.cut-from";
    public static final int MAX_KEPT_WHOLE = 256 * 1024;
    public static final int KEPT_WHEN_CUT = 64 * 1024;

    private DeadLetters() {
    }

    public static ProducerRecord<byte[], byte[]> of(String deadLetterTopic, String sourceTopic, int partition,
            long offset, byte[] key, byte[] value, String reason) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(deadLetterTopic, cut(key), cut(value));
        record.headers().add(SCHEMA, utf8("2"));
        if (key != null && key.length > MAX_KEPT_WHOLE) {
            record.headers().add(KEY_CUT_FROM, utf8(Integer.toString(key.length)));
        }
        if (value != null && value.length > MAX_KEPT_WHOLE) {
            record.headers().add(VALUE_CUT_FROM, utf8(Integer.toString(value.length)));
        }
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

    private static byte[] cut(byte[] bytes) {
        return bytes == null || bytes.length <= MAX_KEPT_WHOLE ? bytes : Arrays.copyOf(bytes, KEPT_WHEN_CUT);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
