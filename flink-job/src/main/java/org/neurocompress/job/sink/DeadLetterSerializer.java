package org.neurocompress.job.sink;

import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.neurocompress.job.ingest.RejectedRecord;
import org.neurocompress.kafka.wire.DeadLetters;

/** Rejected records to the dead-letter topic: original bytes, source position and reason in headers. */
public final class DeadLetterSerializer implements KafkaRecordSerializationSchema<RejectedRecord> {
    private final String topic;

    public DeadLetterSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(RejectedRecord rejected, KafkaSinkContext context,
            Long timestamp) {
        return DeadLetters.of(topic, rejected.record().topic(), rejected.record().partition(),
                rejected.record().offset(), rejected.record().key(), rejected.record().value(), rejected.reason());
    }
}
