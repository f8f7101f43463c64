package org.neurocompress.kafka.broker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real Kafka 4.2 broker in KRaft mode (combined broker and controller) on localhost, inside this JVM: what
 * {@code kafka.Kafka} does with a server.properties, without its System.exit. Used by {@code neurocompress
 * broker}, the demo and the tests. Its data folder is formatted on first use and reused after.
 */
public final class LocalBroker implements AutoCloseable {
    /** Exactly-once sinks (Flink's asks for 1 h) need the broker to allow long transactions. */
    static final long TRANSACTION_MAX_TIMEOUT_MS = 3_600_000L;
    /** What a partition keeps (log.retention.bytes): a local broker serves one machine. */
    public static final long RETENTION_BYTES = 4L << 30;

    private final KafkaRaftServer server;
    private final int port;
    private final Path dir;

    private LocalBroker(KafkaRaftServer server, int port, Path dir) {
        this.server = server;
        this.port = port;
        this.dir = dir;
    }

    /**
     * Formats {@code dir} if it is new and starts the broker.
     *
     * @param port the client port, 0 for a free one; the controller listens on another free port
     */
    public static LocalBroker start(Path dir, int port) throws IOException {
        return start(dir, port, Map.of());
    }

    /**
     * As {@link #start(Path, int)}; with {@code plainUsers} (name to password) the client port is a SASL_PLAINTEXT
     * listener: every client must authenticate with SASL/PLAIN as one of these users (the broker itself uses the
     * first, in iteration order), as on a secured cluster.
     */
    public static LocalBroker start(Path dir, int port, Map<String, String> plainUsers) throws IOException {
        int clientPort = port == 0 ? freePort() : port;
        int controllerPort = freePort();
        Files.createDirectories(dir);
        Properties props = serverProperties(dir, clientPort, controllerPort);
        if (!plainUsers.isEmpty()) {
            requirePlainListener(props, clientPort, controllerPort, plainUsers);
        }
        Path config = dir.resolve("server.properties");
        try (Writer out = Files.newBufferedWriter(config)) {
            props.store(out, "neurocompress local broker (rewritten at each start)");
        }
        if (!Files.exists(dir.resolve("logs").resolve("meta.properties"))) {
            format(config);
        }
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        server.startup();
        return new LocalBroker(server, clientPort, dir);
    }

    static Properties serverProperties(Path dir, int clientPort, int controllerPort) {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@localhost:" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://localhost:" + clientPort + ",CONTROLLER://localhost:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://localhost:" + clientPort);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", dir.resolve("logs").toString());
        p.setProperty("num.partitions", "1");
        p.setProperty("auto.create.topics.enable", "false");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        p.setProperty("transaction.max.timeout.ms", Long.toString(TRANSACTION_MAX_TIMEOUT_MS));
        // A local broker serves one machine: keep its memory and disk footprint modest.
        p.setProperty("log.retention.bytes", Long.toString(RETENTION_BYTES));
        p.setProperty("log.segment.bytes", Integer.toString(256 << 20));
        p.setProperty("message.max.bytes", Integer.toString(20 << 20));
        return p;
    }

    private static void requirePlainListener(Properties p, int clientPort, int controllerPort,
            Map<String, String> users) {
        p.setProperty("listeners", "SASL_PLAINTEXT://localhost:" + clientPort + ",CONTROLLER://localhost:"
                + controllerPort);
        p.setProperty("advertised.listeners", "SASL_PLAINTEXT://localhost:" + clientPort);
        p.setProperty("inter.broker.listener.name", "SASL_PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("sasl.enabled.mechanisms", "PLAIN");
        p.setProperty("sasl.mechanism.inter.broker.protocol", "PLAIN");
        Map.Entry<String, String> self = users.entrySet().iterator().next();
        StringBuilder jaas = new StringBuilder("org.apache.kafka.common.security.plain.PlainLoginModule required")
                .append(" username=\"").append(self.getKey()).append("\" password=\"").append(self.getValue())
                .append('"');
        users.forEach((name, password) -> jaas.append(" user_").append(name).append("=\"").append(password)
                .append('"'));
        p.setProperty("listener.name.sasl_plaintext.plain.sasl.jaas.config", jaas.append(';').toString());
    }

    /** Client settings that authenticate to a broker started with {@code plainUsers} as {@code user}. */
    public static Map<String, String> plainClientProperties(String user, String password) {
        return Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "PLAIN", "sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + user
                        + "\" password=\"" + password + "\";");
    }

    private static void format(Path config) throws IOException {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int rc;
        try (PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            rc = StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c",
                config.toString()}, out);
        } catch (Exception e) {
            throw new IOException("formatting the broker's storage failed: " + e.getMessage(), e);
        }
        if (rc != 0) {
            throw new IOException("formatting the broker's storage failed: " + captured.toString(StandardCharsets
                    .UTF_8).strip());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    public Path dir() {
        return dir;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }
}
