package org.neurocompress.kafka.topics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One topic as neurocompress wants it: partitions, replication and the configs it relies on. */
public record TopicSpec(String name, int partitions, short replicationFactor, Map<String, String> configs) {

    /**
     * The documented layout (docs/topics.md). Samples and frames are keyed by channel and spread over
     * {@code partitions}; metrics and dead letters are low-volume, one partition keeps them in order.
     */
    public static List<TopicSpec> layout(Topics topics, int partitions, short replicationFactor) {
        return List.of(
                new TopicSpec(topics.samples(), partitions, replicationFactor, configs(
                        "retention.ms", "3600000", "max.message.bytes", Integer.toString(20 << 20))),
                new TopicSpec(topics.frames(), partitions, replicationFactor, configs(
                        "retention.ms", "604800000", "max.message.bytes", Integer.toString(4 << 20))),
                new TopicSpec(topics.metrics(), 1, replicationFactor, configs(
                        "retention.ms", "86400000")),
                new TopicSpec(topics.deadLetters(), 1, replicationFactor, configs(
                        "retention.ms", "604800000", "max.message.bytes", Integer.toString(20 << 20))));
    }

    private static Map<String, String> configs(String... keyValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return map;
    }
}
