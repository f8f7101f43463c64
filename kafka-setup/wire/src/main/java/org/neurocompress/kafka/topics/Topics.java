package org.neurocompress.kafka.topics;

import java.util.List;

/** The names of the four topics of one deployment: a prefix and a fixed suffix each (docs/topics.md). */
public record Topics(String samples, String frames, String metrics, String deadLetters) {
    public static final String DEFAULT_PREFIX = "neurocompress.";

    public static Topics withPrefix(String prefix) {
        return new Topics(prefix + "samples", prefix + "frames", prefix + "metrics", prefix + "dead-letters");
    }

    public static Topics defaults() {
        return withPrefix(DEFAULT_PREFIX);
    }

    public List<String> all() {
        return List.of(samples, frames, metrics, deadLetters);
    }
}
