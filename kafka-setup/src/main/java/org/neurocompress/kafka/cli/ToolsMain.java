package org.neurocompress.kafka.cli;

import org.neurocompress.cli.Main;
import picocli.CommandLine;

/** {@code neurocompress} with the Kafka tools added to the codec commands. */
public final class ToolsMain {
    private ToolsMain() {
    }

    public static CommandLine commandLine() {
        return Main.commandLine()
                .addSubcommand(new BrokerCommand())
                .addSubcommand(new TopicsCommand())
                .addSubcommand(new ReplayCommand())
                .addSubcommand(new PublishCommand())
                .addSubcommand(new ConsumeCommand())
                .addSubcommand(new WatchCommand());
    }

    public static void main(String[] args) {
        System.exit(Main.run(commandLine(), args));
    }
}
