package org.neurocompress.kafka.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.neurocompress.container.NcfReader;
import org.neurocompress.frame.Frame;
import org.neurocompress.frame.FrameWriter;
import org.neurocompress.kafka.client.KafkaClientConfig;
import org.neurocompress.kafka.client.KafkaClients;
import org.neurocompress.kafka.client.KafkaOptions;
import org.neurocompress.kafka.wire.RecordKeys;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "publish", description = "Publish the frames of an .ncf file to the frames topic, in one "
        + "transaction: an offline-encoded recording for downstream consumers.")
final class PublishCommand implements Callable<Integer> {
    @Mixin
    KafkaOptions kafka;

    @Parameters(index = "0", paramLabel = "FILE.ncf")
    Path input;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        KafkaClientConfig config = kafka.clientConfig(spec.commandLine());
        KafkaClients.checkReachable(config);
        long frames = 0;
        long bytes = 0;
        try (NcfReader reader = NcfReader.open(input);
                KafkaProducer<byte[], byte[]> producer = KafkaClients.producer(config, Map.of(
                        ProducerConfig.TRANSACTIONAL_ID_CONFIG, "neurocompress-publish-" + UUID.randomUUID(),
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true))) {
            producer.initTransactions();
            producer.beginTransaction();
            Frame frame;
            while ((frame = reader.next()) != null) {
                byte[] value = FrameWriter.toBytes(frame);
                producer.send(new ProducerRecord<>(kafka.topics().frames(), RecordKeys.channel(frame.channel()), value));
                frames++;
                bytes += value.length;
            }
            producer.commitTransaction();
        }
        spec.commandLine().getOut().printf("publish: %d frames (%d bytes) from %s -> %s%n", frames, bytes, input,
                kafka.topics().frames());
        return 0;
    }
}
