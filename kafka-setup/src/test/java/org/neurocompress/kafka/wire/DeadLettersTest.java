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
        assertEquals("1", DeadLetters.header(received, DeadLetters.SCHEMA));
    }
}
