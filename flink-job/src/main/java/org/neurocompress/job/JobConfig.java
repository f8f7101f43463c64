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
        int maxBatchSamples, long batchWaitMillis, Map<String, String> kafkaProperties) implements Serializable {

    /**
     * A batch is encoded once it holds this many samples: at 200x (65 536-sample frames) 64 blocks took the best part
     * of a second to encode, which every frame of the batch waited for. bench e2e, level 5, warm: p99 672-852 ms with
     * batches of 64 frames, 90-125 ms with 4 (262 144 samples), 42-50 ms with 2 (this), at the same throughput; the
     * hybrid encoder ranks each batch's spikes in one model call, so smaller batches mean more calls.
     */
    public static final int DEFAULT_BATCH_SAMPLES = 1 << 17;

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
        require(maxBatchSamples >= 1, "batch samples must be at least 1, got " + maxBatchSamples);
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

    /** When the encoder encodes a batch: {@code maxBatch} blocks, {@code maxBatchSamples} samples or the wait. */
    public org.neurocompress.job.encode.BatchingEncoder.Limits batchLimits() {
        return new org.neurocompress.job.encode.BatchingEncoder.Limits(maxBatch, maxBatchSamples, batchWaitMillis);
    }

    public Topics topics() {
        return Topics.withPrefix(topicPrefix);
    }

    /** A configuration by named settings; those not set keep the command line's defaults (docs/job.md). */
    public static Builder builder() {
        return new Builder();
    }

    /** Named settings for {@link JobConfig}; {@link #build} validates them. */
    public static final class Builder {
        private String bootstrapServers = "localhost:9092";
        private String topicPrefix = "neurocompress.";
        private String codec = "hybrid";
        private int level;
        private String modelDir;
        private int samplesPerFrame;
        private int reorderWindow = 4096;
        private long idleFlushMillis = 2000;
        private boolean exactlyOnce = true;
        private long checkpointMillis = 2000;
        private int parallelism = 2;
        private double sidecarFraction = 0.25;
        private long metricsWindowMillis = 10_000;
        private long metricsSlideMillis = 1000;
        private int maxBatch = 64;
        private int maxBatchSamples = DEFAULT_BATCH_SAMPLES;
        private long batchWaitMillis = 50;
        private Map<String, String> kafkaProperties = Map.of();

        private Builder() {
        }

        public Builder bootstrapServers(String v) {
            bootstrapServers = v;
            return this;
        }

        public Builder topicPrefix(String v) {
            topicPrefix = v;
            return this;
        }

        /** The codec and its level (no default level here: the codec's comes from the command line). */
        public Builder codec(String name, int codecLevel) {
            codec = name;
            level = codecLevel;
            return this;
        }

        public Builder modelDir(String v) {
            modelDir = v;
            return this;
        }

        public Builder samplesPerFrame(int v) {
            samplesPerFrame = v;
            return this;
        }

        public Builder reorderWindow(int v) {
            reorderWindow = v;
            return this;
        }

        public Builder idleFlushMillis(long v) {
            idleFlushMillis = v;
            return this;
        }

        public Builder exactlyOnce(boolean v) {
            exactlyOnce = v;
            return this;
        }

        public Builder checkpointMillis(long v) {
            checkpointMillis = v;
            return this;
        }

        public Builder parallelism(int v) {
            parallelism = v;
            return this;
        }

        public Builder sidecarFraction(double v) {
            sidecarFraction = v;
            return this;
        }

        public Builder metricsWindow(long windowMillis, long slideMillis) {
            metricsWindowMillis = windowMillis;
            metricsSlideMillis = slideMillis;
            return this;
        }

        /** Samples per codec call at most (a batch of one block may hold more). */
        public Builder batchSamples(int samples) {
            maxBatchSamples = samples;
            return this;
        }

        /** Blocks per codec call and the longest a block waits for its batch. */
        public Builder batch(int size, long waitMillis) {
            maxBatch = size;
            batchWaitMillis = waitMillis;
            return this;
        }

        public Builder kafkaProperties(Map<String, String> v) {
            kafkaProperties = v;
            return this;
        }

        public JobConfig build() {
            return new JobConfig(bootstrapServers, topicPrefix, codec, level, modelDir, samplesPerFrame, reorderWindow,
                    idleFlushMillis, exactlyOnce, checkpointMillis, parallelism, sidecarFraction, metricsWindowMillis,
                    metricsSlideMillis, maxBatch, maxBatchSamples, batchWaitMillis, kafkaProperties);
        }
    }
}
