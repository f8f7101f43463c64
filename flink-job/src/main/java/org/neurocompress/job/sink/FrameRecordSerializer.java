package org.neurocompress.job.sink;

import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.neurocompress.job.encode.EncodedFrame;
import org.neurocompress.kafka.wire.RecordKeys;

/** Frames to the frames topic, keyed by channel so each channel's frames stay in order in one partition. */
public final class FrameRecordSerializer implements KafkaRecordSerializationSchema<EncodedFrame> {
    private final String topic;

    public FrameRecordSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(EncodedFrame frame, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(topic, null, timestamp, RecordKeys.channel(frame.channel()), frame.bytes());
    }
}
