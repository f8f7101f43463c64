package org.neurocompress.job.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.neurocompress.codec.Codecs;
import org.neurocompress.job.JobConfig;
import picocli.CommandLine;

class JobOptionsTest {
    private static JobConfig config(String... args) {
        CommandLine cmd = new CommandLine(new JobCommand());
        cmd.parseArgs(args);
        JobCommand command = cmd.getCommand();
        return command.options.toConfig(cmd);
    }

    private static void assertRejected(String expected, String... args) {
        CommandLine.ParameterException e = assertThrows(CommandLine.ParameterException.class, () -> config(args));
        assertTrue(e.getMessage().contains(expected), "'" + e.getMessage() + "' lacks '" + expected + "'");
    }

    @Test
    void defaultsFollowTheCodecsDefaultLevel() {
        JobConfig c = config("--bootstrap", "broker:9092");
        assertEquals(Codecs.DEFAULT, c.codec());
        assertEquals(5, c.level());
        assertEquals(64 * 1024, c.samplesPerFrame(), "hybrid level 5: 64 segments per frame");
        assertEquals(64, c.maxBatch());
        assertEquals(1 << 17, c.maxBatchSamples(), "two level-5 frames a batch");
        assertTrue(c.exactlyOnce());
        assertEquals("neurocompress.frames", c.topics().frames());
    }

    @Test
    void kafkaClientPropertiesReachTheJob(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = dir.resolve("client.properties");
        java.nio.file.Files.writeString(file, "security.protocol=SASL_SSL\nsasl.mechanism=PLAIN\n");
        JobConfig c = config("--kafka-config", file.toString());
        assertEquals("SASL_SSL", c.kafkaProperties().get("security.protocol"));
        assertEquals("PLAIN", org.neurocompress.job.JobIo.clientProperties(c).getProperty("sasl.mechanism"));
    }

    @Test
    void wrongValuesAreNamed() {
        assertRejected("--delivery must be exactly-once or at-least-once", "--delivery", "maybe");
        assertRejected("unknown codec 'zstd'", "--codec", "zstd");
        assertRejected("--level 9: codec 'hybrid' has levels 1..6", "--level", "9");
        assertRejected("sidecar fraction must be in [0, 1], got 2.0", "--sidecar-fraction", "2");
        assertRejected("parallelism must be at least 1", "--parallelism", "0");
        assertRejected("batch samples must be at least 1, got 0", "--batch-samples", "0");
        assertRejected("metrics window must be at least its slide", "--metrics-window-ms", "500");
        assertRejected("--model /no/such: no such folder", "--codec", "paper", "--model", "/no/such");
    }
}
