package org.neurocompress.kafka.client;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Where Kafka is and how to talk to it: bootstrap servers plus the client properties of a {@code --kafka-config}
 * file (SASL, TLS, ...). Only {@link #describe()} is ever printed, and it never shows a secret.
 */
public final class KafkaClientConfig {
    /** How long a tool waits for a broker before it says it cannot reach it. */
    public static final int CONNECT_TIMEOUT_MS = 5000;

    private final String bootstrapServers;
    private final Map<String, Object> properties;

    private KafkaClientConfig(String bootstrapServers, Map<String, Object> properties) {
        this.bootstrapServers = bootstrapServers;
        this.properties = properties;
    }

    public static KafkaClientConfig of(String bootstrapServers) {
        return new KafkaClientConfig(bootstrapServers, Map.of());
    }

    /** Bootstrap servers and client settings given in code ({@code bootstrap.servers} among them is overridden). */
    public static KafkaClientConfig of(String bootstrapServers, Map<String, ?> properties) {
        Map<String, Object> map = new HashMap<>(properties);
        map.remove("bootstrap.servers");
        return new KafkaClientConfig(bootstrapServers, Map.copyOf(map));
    }

    /** Reads a properties file of Kafka client settings; {@code bootstrap.servers} in it is overridden. */
    public static KafkaClientConfig of(String bootstrapServers, Path propertiesFile) throws IOException {
        if (propertiesFile == null) {
            return of(bootstrapServers);
        }
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(propertiesFile)) {
            props.load(in);
        }
        Map<String, Object> map = new HashMap<>();
        props.stringPropertyNames().forEach(k -> map.put(k, props.getProperty(k)));
        map.remove("bootstrap.servers");
        return new KafkaClientConfig(bootstrapServers, Map.copyOf(map));
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The common client settings; callers add their own (serialisers, ids) to the copy. */
    public Map<String, Object> clientProperties() {
        Map<String, Object> map = new HashMap<>(properties);
        map.put("bootstrap.servers", bootstrapServers);
        return map;
    }

    /** Bootstrap servers and the names of the extra settings, secrets masked. */
    public String describe() {
        StringBuilder out = new StringBuilder(bootstrapServers);
        properties.keySet().stream().sorted().forEach(k -> out.append(' ').append(k).append('=')
                .append(isSecret(k) ? "[hidden]" : properties.get(k)));
        return out.toString();
    }

    static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("password") || k.contains("secret") || k.contains("jaas") || k.endsWith(".key")
                || k.contains("token") || k.contains("credential");
    }
}
