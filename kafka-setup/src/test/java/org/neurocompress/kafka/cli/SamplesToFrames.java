package org.neurocompress.kafka.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.neurocompress.codec.FrameEncoder;
import org.neurocompress.frame.Frame;
import org.neurocompress.frame.FrameWriter;
import org.neurocompress.kafka.client.KafkaClientConfig;
import org.neurocompress.kafka.client.KafkaClients;
import org.neurocompress.kafka.wire.RecordKeys;
import org.neurocompress.kafka.wire.SamplesRecord;
import org.neurocompress.kafka.wire.SamplesRecordFormat;

/**
 * Test stand-in for the stream job (issue 5): reads every samples record, rebuilds each channel, encodes it into
 * frames and publishes them in one transaction.
 */
final class SamplesToFrames {
    private SamplesToFrames() {
    }

    /** Every channel's samples, as they arrived, in order. */
    static Map<Integer, short[]> readChannels(KafkaClientConfig config, String topic) throws Exception {
        Map<Integer, List<short[]>> pieces = new TreeMap<>();
        int rate = -1;
        try (KafkaConsumer<byte[], byte[]> c = KafkaClients.consumer(config, Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"))) {
            List<TopicPartition> partitions = new ArrayList<>();
            c.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            c.assign(partitions);
            c.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = c.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> c.position(p) < end.get(p))) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    SamplesRecord s = SamplesRecordFormat.parse(r.value());
                    for (int k = 0; k < s.channelCount(); k++) {
                        pieces.computeIfAbsent(s.firstChannel() + k, x -> new ArrayList<>()).add(s.channel(k));
                    }
                }
            }
        }
        Map<Integer, short[]> channels = new TreeMap<>();
        pieces.forEach((channel, list) -> {
            short[] all = new short[list.stream().mapToInt(a -> a.length).sum()];
            int at = 0;
            for (short[] piece : list) {
                System.arraycopy(piece, 0, all, at, piece.length);
                at += piece.length;
            }
            channels.put(channel, all);
        });
        return channels;
    }

    static int publish(KafkaClientConfig config, String topic, Map<Integer, short[]> channels, FrameEncoder encoder,
            int sampleRate) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "test-" + UUID.randomUUID());
        int frames = 0;
        try (KafkaProducer<byte[], byte[]> producer = KafkaClients.producer(config, props)) {
            producer.initTransactions();
            producer.beginTransaction();
            for (Map.Entry<Integer, short[]> e : channels.entrySet()) {
                short[] x = e.getValue();
                for (int at = 0; at < x.length; at += encoder.samplesPerFrame()) {
                    Frame f = encoder.encode(e.getKey(), at, sampleRate, x, at,
                            Math.min(encoder.samplesPerFrame(), x.length - at));
                    producer.send(new ProducerRecord<>(topic, RecordKeys.channel(e.getKey()), FrameWriter.toBytes(f)));
                    frames++;
                }
            }
            producer.commitTransaction();
        }
        return frames;
    }
}
