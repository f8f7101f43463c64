package org.neurocompress.kafka.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.neurocompress.kafka.broker.LocalBroker;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "broker", description = "Run a real Kafka 4.2 broker (KRaft, broker and controller in one) on "
        + "localhost, in the foreground; Ctrl-C shuts it down cleanly.")
final class BrokerCommand implements Callable<Integer> {
    @Option(names = "--dir", paramLabel = "DIR", defaultValue = "kafka-data",
            description = "Data folder, formatted on first use and reused after. Default: ${DEFAULT-VALUE}.")
    Path dir;

    @Option(names = "--port", paramLabel = "P", defaultValue = "9092",
            description = "Client port. Default: ${DEFAULT-VALUE}.")
    int port;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--port " + port + ": not a port");
        }
        LocalBroker broker = LocalBroker.start(dir, port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            spec.commandLine().getErr().println("broker: shutting down...");
            broker.close();
            stopped.countDown();
        }, "broker-shutdown"));
        spec.commandLine().getOut().printf("broker: Kafka 4.2 (KRaft) at %s, data in %s. Ctrl-C stops it.%n",
                broker.bootstrapServers(), dir.toAbsolutePath());
        spec.commandLine().getOut().flush();
        stopped.await();
        return 0;
    }
}
