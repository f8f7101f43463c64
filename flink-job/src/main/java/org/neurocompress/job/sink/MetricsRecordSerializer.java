package org.neurocompress.job.sink;

import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.neurocompress.kafka.wire.MetricsRecord;
import org.neurocompress.kafka.wire.MetricsRecordFormat;
import org.neurocompress.kafka.wire.RecordKeys;

/** Metrics records as JSON, keyed by channel or "global". */
public final class MetricsRecordSerializer implements KafkaRecordSerializationSchema<MetricsRecord> {
    private final String topic;

    public MetricsRecordSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(MetricsRecord record, KafkaSinkContext context, Long timestamp) {
        byte[] key = record.isGlobal() ? RecordKeys.GLOBAL : RecordKeys.channel(record.channel());
        return new ProducerRecord<>(topic, key, MetricsRecordFormat.toBytes(record));
    }
}
