package org.neurocompress.it.deployed;

import org.neurocompress.local.cluster.JavaProcess;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A Kafka 4.2 broker (KRaft) in its own JVM ({@code neurocompress broker}), restartable on the same data. */
final class Broker implements AutoCloseable {
    private final Tools tools;
    private final Path data;
    private final int port;
    private JavaProcess process;
    private int starts;

    Broker(Tools tools, Path data, int port) {
        this.tools = tools;
        this.data = data;
        this.port = port;
    }

    String bootstrap() {
        return "localhost:" + port;
    }

    void start() throws Exception {
        process = tools.start("broker-" + starts++, List.of("broker", "--dir", data.toString(), "--port",
                String.valueOf(port)));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the broker exited: " + process.tail());
            }
            try (Socket ignored = new Socket("localhost", port)) {
                if (process.tail().contains("broker: Kafka")) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the broker did not start in 60 s: " + process.tail());
    }

    /** A clean shutdown (SIGTERM), as an operator restarting it would do. */
    void stop() throws Exception {
        process.close();
    }

    @Override
    public void close() throws Exception {
        if (process != null) {
            process.close();
        }
    }
}
