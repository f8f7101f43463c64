package org.neurocompress.kafka.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.neurocompress.kafka.client.KafkaClients;
import org.neurocompress.kafka.client.KafkaOptions;
import org.neurocompress.kafka.topics.TopicAdmin;
import org.neurocompress.kafka.topics.TopicSpec;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "topics", description = "Create or describe the samples, frames, metrics and dead-letter topics.",
        subcommands = {TopicsCommand.Create.class, TopicsCommand.Describe.class})
final class TopicsCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: create or describe");
    }

    /** Options of both subcommands. */
    abstract static class Base implements Callable<Integer> {
        @Mixin
        KafkaOptions kafka;

        @Option(names = "--partitions", defaultValue = "8",
                description = "Partitions of the samples and frames topics. Default: ${DEFAULT-VALUE}.")
        int partitions;

        @Option(names = "--replication-factor", defaultValue = "1",
                description = "Default: ${DEFAULT-VALUE} (a single local broker).")
        short replicationFactor;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        abstract List<TopicAdmin.Outcome> apply(TopicAdmin admin, List<TopicSpec> specs) throws Exception;

        @Override
        public Integer call() throws Exception {
            if (partitions < 1 || replicationFactor < 1) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--partitions and --replication-factor must be at least 1");
            }
            List<TopicSpec> specs = TopicSpec.layout(kafka.topics(), partitions, replicationFactor);
            PrintWriter out = spec.commandLine().getOut();
            boolean allMatch = true;
            try (Admin admin = KafkaClients.admin(kafka.clientConfig(spec.commandLine()))) {
                for (TopicAdmin.Outcome o : apply(new TopicAdmin(admin), specs)) {
                    String state = o.created() ? "created" : o.differences().isEmpty() ? "exists, as specified"
                            : "DIFFERS: " + String.join("; ", o.differences());
                    allMatch &= o.differences().isEmpty();
                    out.printf("%-32s %s%n", o.topic(), state);
                }
            }
            return allMatch ? 0 : 1;
        }
    }

    @Command(name = "create", description = "Create the topics; existing ones are kept, and reported if they differ.")
    static final class Create extends Base {
        @Override
        List<TopicAdmin.Outcome> apply(TopicAdmin admin, List<TopicSpec> specs) throws Exception {
            return admin.create(specs);
        }
    }

    @Command(name = "describe", description = "Report each topic that is missing or differs from the layout.")
    static final class Describe extends Base {
        @Override
        List<TopicAdmin.Outcome> apply(TopicAdmin admin, List<TopicSpec> specs) throws Exception {
            return admin.describe(specs);
        }
    }
}
