package org.neurocompress.job;

import java.util.Properties;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.neurocompress.job.encode.EncodedFrame;
import org.neurocompress.job.ingest.RawRecord;
import org.neurocompress.job.ingest.RawRecordDeserializer;
import org.neurocompress.job.ingest.RejectedRecord;
import org.neurocompress.job.sink.DeadLetterSerializer;
import org.neurocompress.job.sink.FrameRecordSerializer;
import org.neurocompress.job.sink.MetricsRecordSerializer;
import org.neurocompress.kafka.wire.MetricsRecord;

/**
 * Where the job reads and writes. {@link #kafka} is the production set; tests give the topology in-memory sources
 * and sinks, as Apache Flink's training exercises do.
 */
public record JobIo(Source<RawRecord, ?, ?> samples, Sink<EncodedFrame> frames, Sink<MetricsRecord> metrics,
        Sink<RejectedRecord> deadLetters) {
    /** Kafka transactions must outlive checkpoints; 15 min fits the broker default (transaction.max.timeout.ms). */
    public static final String TRANSACTION_TIMEOUT_MS = "900000";
    static final String FRAMES_BATCH_BYTES = "262144";

    /** The job's topics; every client gets the user's Kafka properties (--kafka-config): {@link #clientProperties}. */
    public static JobIo kafka(JobConfig config) {
        return new JobIo(samplesSource(config), framesSink(config), metricsSink(config), deadLettersSink(config));
    }

    /** The user's Kafka client properties (--kafka-config), for every source and sink of the job. */
    public static Properties clientProperties(JobConfig config) {
        Properties props = new Properties();
        props.putAll(config.kafkaProperties());
        return props;
    }

    private static KafkaSource<RawRecord> samplesSource(JobConfig config) {
        return KafkaSource.<RawRecord>builder()
                .setBootstrapServers(config.bootstrapServers())
                .setTopics(config.topics().samples())
                .setGroupId("neurocompress-job")
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(new RawRecordDeserializer())
                .setProperties(clientProperties(config))
                .build();
    }

    private static KafkaSink<EncodedFrame> framesSink(JobConfig config) {
        return KafkaSink.<EncodedFrame>builder()
                .setBootstrapServers(config.bootstrapServers())
                .setKafkaProducerConfig(framesProducerProperties(config))
                .setRecordSerializer(new FrameRecordSerializer(config.topics().frames()))
                .setDeliveryGuarantee(config.exactlyOnce() ? DeliveryGuarantee.EXACTLY_ONCE
                        : DeliveryGuarantee.AT_LEAST_ONCE)
                .setTransactionalIdPrefix("neurocompress-frames")
                .setProperty("transaction.timeout.ms", TRANSACTION_TIMEOUT_MS)
                .build();
    }

    /**
     * The frames producer gathers up to 256 KB a partition into one request: Kafka's default batch of 16 KB holds
     * two frames of {@code raw}, and every batch is a request the broker handles (the pipeline alone ran twice as
     * fast with the larger batch). The user's --kafka-config wins.
     */
    static Properties framesProducerProperties(JobConfig config) {
        Properties props = clientProperties(config);
        props.putIfAbsent("batch.size", FRAMES_BATCH_BYTES);
        return props;
    }

    private static KafkaSink<MetricsRecord> metricsSink(JobConfig config) {
        return KafkaSink.<MetricsRecord>builder()
                .setBootstrapServers(config.bootstrapServers())
                .setKafkaProducerConfig(clientProperties(config))
                .setRecordSerializer(new MetricsRecordSerializer(config.topics().metrics()))
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .build();
    }

    private static KafkaSink<RejectedRecord> deadLettersSink(JobConfig config) {
        return KafkaSink.<RejectedRecord>builder()
                .setBootstrapServers(config.bootstrapServers())
                .setKafkaProducerConfig(clientProperties(config))
                .setRecordSerializer(new DeadLetterSerializer(config.topics().deadLetters()))
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .build();
    }
}
