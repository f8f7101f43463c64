package org.neurocompress.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class JobIoTest {
    private static JobConfig config(Map<String, String> kafka) {
        return JobConfig.builder().bootstrapServers("localhost:9092").topicPrefix("io.").codec("raw", 1)
                .samplesPerFrame(4096).reorderWindow(0).idleFlushMillis(2000).checkpointMillis(1000).parallelism(1)
                .sidecarFraction(0).metricsWindow(10_000, 1000).batch(64, 20).kafkaProperties(kafka).build();
    }

    @Test
    void framesGoOutInLargeBatchesUnlessTheUserSaysOtherwise() {
        Properties defaults = JobIo.framesProducerProperties(config(Map.of("security.protocol", "PLAINTEXT")));
        assertEquals("262144", defaults.getProperty("batch.size"));
        assertEquals("PLAINTEXT", defaults.getProperty("security.protocol"));
        Properties chosen = JobIo.framesProducerProperties(config(Map.of("batch.size", "65536")));
        assertEquals("65536", chosen.getProperty("batch.size"));
        // The other sinks keep Kafka's defaults: their records are few and small.
        assertEquals(null, JobIo.clientProperties(config(Map.of())).getProperty("batch.size"));
    }
}
