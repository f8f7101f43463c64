package org.neurocompress.kafka.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaClientConfigTest {
    @TempDir
    Path dir;

    @Test
    void readsClientPropertiesAndNeverDescribesASecret() throws Exception {
        Path file = dir.resolve("client.properties");
        Files.writeString(file, String.join("\n",
                "security.protocol=SASL_SSL",
                "sasl.mechanism=PLAIN",
                "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required "
                        + "username=\"u\" password=\"hunter2\";",
                "ssl.truststore.password=changeit",
                "ssl.key.password=alsosecret",
                "bootstrap.servers=ignored:1"));
        KafkaClientConfig config = KafkaClientConfig.of("broker:9093", file);
        assertEquals("SASL_SSL", config.clientProperties().get("security.protocol"));
        assertEquals("broker:9093", config.clientProperties().get("bootstrap.servers"));
        String shown = config.describe();
        assertTrue(shown.contains("security.protocol=SASL_SSL"), shown);
        assertFalse(shown.contains("hunter2") || shown.contains("changeit") || shown.contains("alsosecret"), shown);
        assertTrue(shown.contains("sasl.jaas.config=[hidden]"), shown);
    }
}
