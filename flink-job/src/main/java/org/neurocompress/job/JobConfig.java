package org.neurocompress.job;

import java.io.Serializable;
import java.util.Map;
import org.neurocompress.kafka.topics.Topics;

/**
 * Everything the job needs to run; {@code kafkaProperties} (SASL, TLS, ...) go to every Kafka client of the job. Validated on construction, so a wrong value stops the job at start with a
 * message that names it.
 */
public record JobConfig(String bootstrapServers, String topicPrefix, String codec, int level, String modelDir,
        int samplesPerFrame, int reorderWindow, long idleFlushMillis, boolean exactlyOnce, long checkpointMillis,
        int parallelism, double sidecarFraction, long metricsWindowMillis, long metricsSlideMillis, int maxBatch,
        long batchWaitMillis, Map<String, String> kafkaProperties) implements Serializable {

    public JobConfig {
        require(bootstrapServers != null && !bootstrapServers.isBlank(), "bootstrap servers must be given");
        kafkaProperties = kafkaProperties == null ? Map.of() : Map.copyOf(kafkaProperties);
        require(level >= 1, "level must be at least 1, got " + level);
        require(samplesPerFrame >= 1, "samples per frame must be positive, got " + samplesPerFrame);
        require(reorderWindow >= 0, "reorder window must not be negative, got " + reorderWindow);
        require(idleFlushMillis >= 1, "idle flush must be at least 1 ms, got " + idleFlushMillis);
        require(checkpointMillis >= 10, "checkpoint interval must be at least 10 ms, got " + checkpointMillis);
        require(parallelism >= 1, "parallelism must be at least 1, got " + parallelism);
        require(maxBatch >= 1, "batch size must be at least 1, got " + maxBatch);
        require(batchWaitMillis >= 1, "batch wait must be at least 1 ms, got " + batchWaitMillis);
        require(sidecarFraction >= 0 && sidecarFraction <= 1, "sidecar fraction must be in [0, 1], got "
                + sidecarFraction);
        require(metricsSlideMillis >= 1 && metricsWindowMillis >= metricsSlideMillis,
                "metrics window must be at least its slide (>= 1 ms), got " + metricsWindowMillis + " / "
                        + metricsSlideMillis);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    public Topics topics() {
        return Topics.withPrefix(topicPrefix);
    }
}
