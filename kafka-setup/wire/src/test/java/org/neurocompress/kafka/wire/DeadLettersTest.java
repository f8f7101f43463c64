package org.neurocompress.kafka.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class DeadLettersTest {
    @Test
    void keepsTheOriginalBytesAndNamesSourceAndReason() {
        byte[] key = RecordKeys.samples(3, 64);
        byte[] value = {'X', 'S', 1};
        ProducerRecord<byte[], byte[]> letter = DeadLetters.of("dlq", "samples", 5, 1234L, key, value,
                "bad magic 'XS' (expected 'NS'): not a samples record");
        assertEquals("dlq", letter.topic());
        assertArrayEquals(key, letter.key());
        assertArrayEquals(value, letter.value());
        // Read back as a consumer sees it.
        ConsumerRecord<byte[], byte[]> received = new ConsumerRecord<>("dlq", 0, 0L, 0L, TimestampType.CREATE_TIME,
                key.length, value.length, key, value, letter.headers(), Optional.empty());
        assertEquals("samples", DeadLetters.header(received, DeadLetters.SOURCE_TOPIC));
        assertEquals("5", DeadLetters.header(received, DeadLetters.SOURCE_PARTITION));
        assertEquals("1234", DeadLetters.header(received, DeadLetters.SOURCE_OFFSET));
        assertEquals("bad magic 'XS' (expected 'NS'): not a samples record",
                DeadLetters.header(received, DeadLetters.REASON));
        assertEquals("2", DeadLetters.header(received, DeadLetters.SCHEMA));
        assertEquals(null, DeadLetters.header(received, DeadLetters.VALUE_CUT_FROM));
    }

    /** A value as large as the broker accepts could not be forwarded whole once headers are added. */
    @Test
    void anOversizedValueIsCutAndItsSizeKept() {
        byte[] value = new byte[1 << 20];
        value[5] = 42;
        ProducerRecord<byte[], byte[]> letter = DeadLetters.of("dlq", "samples", 0, 1L, null, value, "too large");
        assertEquals(DeadLetters.KEPT_WHEN_CUT, letter.value().length);
        assertEquals(42, letter.value()[5]);
        assertEquals(String.valueOf(1 << 20), new String(letter.headers().lastHeader(DeadLetters.VALUE_CUT_FROM)
                .value(), java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(null, letter.key());
    }
}
