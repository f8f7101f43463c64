package org.neurocompress.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** The job jar a user hands to 'flink run': what it must carry, and what the cluster provides instead. */
class DeployableJarTest {
    private static final Path JAR = Path.of(System.getProperty("jobJar", "missing"));

    @Test
    void carriesTheJobItsModelsDjlAndTheConnectorButNotFlinkOrTheBroker() throws Exception {
        assertTrue(Files.isRegularFile(JAR), "built by flink-job's package phase: " + JAR);
        try (JarFile jar = new JarFile(JAR.toFile())) {
            assertEquals("org.neurocompress.job.cli.JobCommand", jar.getManifest().getMainAttributes()
                    .getValue("Main-Class"));
            for (String entry : new String[] {"org/neurocompress/job/CompressionJob.class",
                "models/paper/model.json", "models/paper/weights.ncw", "models/vqcae/model.json", "models/vqcae/weights.ncw",
                "org/apache/flink/connector/kafka/sink/KafkaSink.class",
                "org/apache/kafka/clients/producer/KafkaProducer.class",
                "org/neurocompress/kafka/wire/SamplesRecordFormat.class", "ai/djl/pytorch/engine/PtEngine.class"}) {
                assertTrue(jar.getEntry(entry) != null, "missing " + entry);
            }
            String engines = new String(jar.getInputStream(jar.getEntry(
                    "META-INF/services/ai.djl.engine.EngineProvider")).readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(engines.contains("ai.djl.pytorch.engine.PtEngineProvider"), "DJL finds its engine: " + engines);
            assertFalse(jar.stream().anyMatch(e -> e.getName().startsWith("org/apache/flink/runtime/")
                    || e.getName().startsWith("org/apache/flink/streaming/api/")
                    || e.getName().startsWith("scala/") || e.getName().startsWith("kafka/server/")
                    || e.getName().startsWith("org/apache/kafka/raft/")
                    || e.getName().startsWith("org/apache/logging/log4j/core/")),
                    "Flink itself, Scala, the broker and logging come from the cluster or are not needed");
            assertFalse(jar.stream().anyMatch(e -> e.getName().startsWith("org/neurocompress/kafka/broker/")
                    || e.getName().startsWith("org/neurocompress/kafka/replay/")
                    || e.getName().startsWith("org/neurocompress/local/")),
                    "the Kafka tools and the local system (broker, replay, demo) are not part of the job");
        }
    }
}
