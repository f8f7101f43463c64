package org.neurocompress.kafka.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.neurocompress.kafka.topics.Topics;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** Where Kafka is, how to authenticate, and the topics' names: shared by every Kafka tool. */
public final class KafkaOptions {
    @Option(names = "--bootstrap", paramLabel = "HOST:PORT", defaultValue = "localhost:9092",
            description = "Kafka bootstrap servers. Default: ${DEFAULT-VALUE}.")
    public String bootstrap;

    @Option(names = "--kafka-config", paramLabel = "FILE",
            description = "Kafka client properties (SASL, TLS, ...); secrets in it are never printed.")
    public Path kafkaConfig;

    @Option(names = "--topic-prefix", paramLabel = "PREFIX", defaultValue = Topics.DEFAULT_PREFIX,
            description = "Prefix of the topic names. Default: ${DEFAULT-VALUE}.")
    public String topicPrefix;

    public KafkaClientConfig clientConfig(CommandLine commandLine) throws IOException {
        if (kafkaConfig != null && !Files.isRegularFile(kafkaConfig)) {
            throw new CommandLine.ParameterException(commandLine, "--kafka-config " + kafkaConfig + ": no such file");
        }
        return KafkaClientConfig.of(bootstrap, kafkaConfig);
    }

    public Topics topics() {
        return Topics.withPrefix(topicPrefix);
    }
}
