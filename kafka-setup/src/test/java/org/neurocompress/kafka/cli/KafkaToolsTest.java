package org.neurocompress.kafka.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.neurocompress.codec.Codec;
import org.neurocompress.codec.FrameEncoder;
import org.neurocompress.codec.dct.DctCodec;
import org.neurocompress.codec.lossless.LosslessCodec;
import org.neurocompress.codec.lossless.NearLosslessCodec;
import org.neurocompress.codec.raw.RawCodec;
import org.neurocompress.frame.FrameWriter;
import org.neurocompress.kafka.testing.LocalBrokerExtension;
import org.neurocompress.kafka.client.KafkaClientConfig;
import org.neurocompress.kafka.client.KafkaClients;
import org.neurocompress.kafka.replay.ReplaySource;
import org.neurocompress.kafka.wire.MetricsRecordFormat;
import org.neurocompress.kafka.wire.MetricsRecord;
import org.neurocompress.kafka.wire.RecordKeys;
import org.neurocompress.metrics.QualityAccumulator;
import org.neurocompress.synth.SyntheticElectrode;
import org.neurocompress.wav.WavReader;

/** The Kafka tools against a real KRaft broker, run as a user runs them: through the command line. */
class KafkaToolsTest {
    @RegisterExtension
    static final LocalBrokerExtension BROKER = new LocalBrokerExtension();
    @TempDir
    Path dir;

    private static ToolRun run(String... args) {
        return ToolRun.run(args);
    }

    private static String prefix() {
        return "t" + UUID.randomUUID().toString().substring(0, 8) + ".";
    }

    private static KafkaClientConfig config() {
        return BROKER.config();
    }

    private static void createTopics(String prefix) {
        ToolRun r = run("topics", "create", "--bootstrap", BROKER.bootstrapServers(), "--topic-prefix", prefix,
                "--partitions", "3");
        assertEquals(0, r.exit(), r.err());
    }

    @Test
    void topicCreationIsIdempotentAndDescribeReportsDifferences() {
        String prefix = prefix();
        ToolRun first = run("topics", "create", "--bootstrap", BROKER.bootstrapServers(), "--topic-prefix", prefix);
        assertEquals(0, first.exit(), first.err());
        assertEquals(4, first.out().lines().filter(l -> l.endsWith("created")).count(), first.out());
        ToolRun again = run("topics", "create", "--bootstrap", BROKER.bootstrapServers(), "--topic-prefix", prefix);
        assertEquals(0, again.exit(), again.err());
        assertEquals(4, again.out().lines().filter(l -> l.endsWith("exists, as specified")).count(), again.out());
        ToolRun differs = run("topics", "describe", "--bootstrap", BROKER.bootstrapServers(), "--topic-prefix", prefix,
                "--partitions", "5");
        assertEquals(1, differs.exit());
        assertTrue(differs.out().contains(prefix + "frames") && differs.out().contains("partitions 8, expected 5"),
                differs.out());
        ToolRun missing = run("topics", "describe", "--bootstrap", BROKER.bootstrapServers(), "--topic-prefix",
                prefix());
        assertEquals(1, missing.exit());
        assertTrue(missing.out().contains("missing"), missing.out());
    }

    @Test
    void replayedSamplesEncodedRawComeBackExactThroughConsume() throws Exception {
        String prefix = prefix();
        createTopics(prefix);
        ToolRun replay = run("replay", "--bootstrap", BROKER.bootstrapServers(), "--topic-prefix", prefix,
                "--synthetic", "--channels", "5", "--duration", "1.5", "--rate", "max", "--packet-samples", "100",
                "--channels-per-record", "2", "--seed", "4", "--json");
        assertEquals(0, replay.exit(), replay.err());
        JsonNode summary = new ObjectMapper().readTree(replay.out());
        long perChannel = Math.round(1.5 * SyntheticElectrode.N1_SAMPLE_RATE);
        assertEquals(5 * perChannel, summary.get("samples").asLong());
        assertTrue(summary.get("samples_per_second").asDouble() > 0);
        assertEquals(3 * ((perChannel + 99) / 100), summary.get("records").asLong());

        Map<Integer, short[]> channels = SamplesToFrames.readChannels(config(), prefix + "samples");
        ReplaySource expected = ReplaySource.synthetic(5, 1.5, 4);
        assertEquals(5, channels.size());
        for (int c = 0; c < 5; c++) {
            assertArrayEquals(expected.loop(c), channels.get(c), "replayed channel " + c);
        }
        int frames = SamplesToFrames.publish(config(), prefix + "frames", channels, new FrameEncoder(new RawCodec(), 1),
                SyntheticElectrode.N1_SAMPLE_RATE);

        Path out = dir.resolve("out");
        ToolRun consume = run("consume", "--bootstrap", BROKER.bootstrapServers(), "--topic-prefix", prefix, "--out",
                out.toString(), "--idle-timeout", "2", "--json");
        assertEquals(0, consume.exit(), consume.err());
        JsonNode integrity = new ObjectMapper().readTree(consume.out());
        assertEquals(frames, integrity.get("frames").asInt());
        assertEquals(0, integrity.get("gaps").asInt());
        assertEquals(0, integrity.get("duplicates").asInt());
        for (int c = 0; c < 5; c++) {
            short[] decoded = WavReader.readAll(out.resolve(String.format("channel-%05d.wav", c)))[0];
            assertArrayEquals(expected.loop(c), decoded, "consumed channel " + c);
        }
    }

    @Test
    void dctFramesDecodeWithinTheCodecsQuality() throws Exception {
        String prefix = prefix();
        Map<Integer, short[]> channels = replayThreeChannels(prefix);
        SamplesToFrames.publish(config(), prefix + "frames", channels, new FrameEncoder(new DctCodec(), 3),
                SyntheticElectrode.N1_SAMPLE_RATE);
        Path out = dir.resolve("dct");
        ToolRun consume = run("consume", "--bootstrap", BROKER.bootstrapServers(), "--topic-prefix", prefix, "--out",
                out.toString(), "--idle-timeout", "2");
        assertEquals(0, consume.exit(), consume.err());
        for (int c = 0; c < 3; c++) {
            short[] decoded = WavReader.readAll(out.resolve(String.format("channel-%05d.wav", c)))[0];
            QualityAccumulator acc = new QualityAccumulator();
            acc.add(channels.get(c), decoded);
            // docs/codecs.md: dct level 3 keeps at least 3.7 dB on generated electrodes.
            assertTrue(acc.result(1).snrDb() >= 3.7, "channel " + c + " SNR " + acc.result(1).snrDb());
        }
    }

    /** Three generated channels of 2 s replayed into new topics under {@code prefix}, as they arrived. */
    private static Map<Integer, short[]> replayThreeChannels(String prefix) throws Exception {
        createTopics(prefix);
        assertEquals(0, run("replay", "--bootstrap", BROKER.bootstrapServers(), "--topic-prefix", prefix,
                "--synthetic", "--channels", "3", "--duration", "2", "--rate", "max").exit());
        return SamplesToFrames.readChannels(config(), prefix + "samples");
    }

    /** The archive codecs through consume: lossless frames decode to the very samples, near-lossless within k. */
    @Test
    void losslessFramesComeBackExactAndNearLosslessWithinTheirBound() throws Exception {
        Map<Integer, short[]> channels = replayThreeChannels(prefix());
        for (Codec codec : List.of(new LosslessCodec(), new NearLosslessCodec())) {
            String prefix = prefix();
            createTopics(prefix);
            int level = codec.defaultLevel();
            SamplesToFrames.publish(config(), prefix + "frames", channels, new FrameEncoder(codec, level),
                    SyntheticElectrode.N1_SAMPLE_RATE);
            Path out = dir.resolve(codec.name());
            ToolRun consume = run("consume", "--bootstrap", BROKER.bootstrapServers(), "--topic-prefix", prefix,
                    "--out", out.toString(), "--idle-timeout", "2");
            assertEquals(0, consume.exit(), consume.err());
            for (int c = 0; c < 3; c++) {
                short[] original = channels.get(c);
                short[] decoded = WavReader.readAll(out.resolve(String.format("channel-%05d.wav", c)))[0];
                assertEquals(original.length, decoded.length);
                // The bound holds frame by frame, on each frame's own grid.
                int perFrame = codec.spec().level(level).segmentsPerFrame() * codec.segmentLength();
                int worst = 0;
                for (int first = 0; first < original.length; first += perFrame) {
                    int count = Math.min(perFrame, original.length - first);
                    int bound = codec instanceof NearLosslessCodec ? NearLosslessCodec.errorBound(original, first,
                            count, level) : 0;
                    for (int i = first; i < first + count; i++) {
                        int error = Math.abs(original[i] - decoded[i]);
                        assertTrue(error <= bound, codec.name() + " channel " + c + " sample " + i + ": error "
                                + error + " > " + bound);
                        worst = Math.max(worst, error);
                    }
                }
                if (codec instanceof NearLosslessCodec) {
                    assertTrue(worst > 0, "near-lossless should not be exact on generated electrodes");
                }
            }
        }
    }

    /** A receiver in a consumer group stops mid-stream and restarts: its files end up whole, nothing twice. */
    @Test
    void aConsumerGroupGoesOnWhereItStoppedWithoutLossOrDuplicates() throws Exception {
        String prefix = prefix();
        createTopics(prefix);
        ReplaySource source = ReplaySource.synthetic(3, 1.0, 8);
        Map<Integer, short[]> channels = new java.util.TreeMap<>();
        for (int c = 0; c < 3; c++) {
            channels.put(c, source.loop(c));
        }
        int frames = SamplesToFrames.publish(config(), prefix + "frames", channels, new FrameEncoder(new RawCodec(), 1),
                SyntheticElectrode.N1_SAMPLE_RATE);
        Path out = dir.resolve("group");
        String[] group = {"consume", "--bootstrap", BROKER.bootstrapServers(), "--topic-prefix", prefix, "--out",
                out.toString(), "--idle-timeout", "2", "--json", "--group", "receiver-" + prefix};

        ToolRun first = run(concat(group, "--max-frames", "7"));
        assertEquals(0, first.exit(), first.err());
        assertEquals(7, new ObjectMapper().readTree(first.out()).get("frames").asInt());
        ToolRun rest = run(group);
        assertEquals(0, rest.exit(), rest.err());
        JsonNode second = new ObjectMapper().readTree(rest.out());
        assertEquals(frames - 7, second.get("frames").asInt(), "the second run reads only what the first did not");
        assertEquals(0, second.get("duplicates").asInt());
        assertEquals(0, second.get("gaps").asInt());
        for (int c = 0; c < 3; c++) {
            assertArrayEquals(channels.get(c), WavReader.readAll(out.resolve(String.format("channel-%05d.wav", c)))[0],
                    "channel " + c + " is whole after the restart");
        }
        ToolRun nothingNew = run(group);
        assertEquals(0, nothingNew.exit(), nothingNew.err());
        assertEquals(0, new ObjectMapper().readTree(nothingNew.out()).get("frames").asInt());
        assertArrayEquals(channels.get(1), WavReader.readAll(out.resolve("channel-00001.wav"))[0]);

        ToolRun again = run(concat(group, "--from-beginning"));
        assertEquals(0, again.exit(), again.err());
        assertEquals(frames, new ObjectMapper().readTree(again.out()).get("frames").asInt());
        assertArrayEquals(channels.get(2), WavReader.readAll(out.resolve("channel-00002.wav"))[0]);
        ToolRun noGroup = run("consume", "--bootstrap", BROKER.bootstrapServers(), "--out", out.toString(),
                "--from-beginning");
        assertEquals(2, noGroup.exit());
        assertTrue(noGroup.err().contains("--from-beginning needs --group"), noGroup.err());
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void consumeRefusesCorruptFramesCountsThemAndDecodesTheRest() throws Exception {
        String prefix = prefix();
        createTopics(prefix);
        short[] x = new SyntheticElectrode(1, 19531).samples(8192);
        FrameEncoder raw = new FrameEncoder(new RawCodec(), 1);
        try (KafkaProducer<byte[], byte[]> producer = KafkaClients.producer(config(), Map.of(
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "corrupt-" + UUID.randomUUID()))) {
            producer.initTransactions();
            producer.beginTransaction();
            for (int at = 0; at < x.length; at += 4096) {
                byte[] good = FrameWriter.toBytes(raw.encode(0, at, 19531, x, at, 4096));
                producer.send(new ProducerRecord<>(prefix + "frames", RecordKeys.channel(0), good));
                byte[] bad = good.clone();
                bad[bad.length / 2] ^= 0x10;
                producer.send(new ProducerRecord<>(prefix + "frames", RecordKeys.channel(0), bad));
            }
            producer.send(new ProducerRecord<>(prefix + "frames", RecordKeys.channel(0),
                    "garbage".getBytes(StandardCharsets.UTF_8)));
            producer.commitTransaction();
        }
        Path out = dir.resolve("corrupt");
        ToolRun consume = run("consume", "--bootstrap", BROKER.bootstrapServers(), "--topic-prefix", prefix, "--out",
                out.toString(), "--idle-timeout", "2", "--json");
        assertEquals(0, consume.exit(), consume.err());
        JsonNode integrity = new ObjectMapper().readTree(consume.out());
        assertEquals(2, integrity.get("frames").asInt());
        assertEquals(2, integrity.get("checksum_failures").asInt());
        assertEquals(1, integrity.get("malformed").asInt());
        assertTrue(consume.err().contains("refused: checksum mismatch"), consume.err());
        assertTrue(consume.err().contains("refused: bad magic"), consume.err());
        assertArrayEquals(x, WavReader.readAll(out.resolve("channel-00000.wav"))[0]);
    }

    @Test
    void watchPrintsValidMetricsRecordsAndReportsMalformedOnes() throws Exception {
        String prefix = prefix();
        createTopics(prefix);
        MetricsRecord global = MetricsRecord.builder().channel(null).window(0, 10_000)
                .volume(40, 81920, 420, 4.0, 3)
                .quality(390.1, 8.5, 6.0, 38.0, 2e-4, 0.86, 0.04).latency(60.0, 140.0)
                .codec("dct", 6, null).spikes(40, 38, 37, 0.94, 0.925, 0.97, 18.0, 5.0)
                .build();
        MetricsRecord channel = MetricsRecord.builder().channel(7).window(0, 10_000)
                .volume(10, 20480, 100, 1.0, 0)
                .quality(409.6, 4.25, 3.0, 35.0, 3e-4, 0.8, 0.04).latency(61.0, 150.0)
                .codec("dct", 6, null).spikes(12, 10, 10, 0.91, 0.83, 1.0, 17.0, 4.0)
                .build();
        try (KafkaProducer<byte[], byte[]> producer = KafkaClients.producer(config(), Map.of())) {
            producer.send(new ProducerRecord<>(prefix + "metrics", RecordKeys.GLOBAL, MetricsRecordFormat
                    .toBytes(global)));
            producer.send(new ProducerRecord<>(prefix + "metrics", RecordKeys.channel(7), "{\"oops\":1}"
                    .getBytes(StandardCharsets.UTF_8)));
            producer.send(new ProducerRecord<>(prefix + "metrics", RecordKeys.channel(7), MetricsRecordFormat
                    .toBytes(channel)));
        }
        ToolRun json = run("watch", "--bootstrap", BROKER.bootstrapServers(), "--topic-prefix", prefix, "--json",
                "--from-beginning", "--max-records", "2", "--duration", "20");
        assertEquals(0, json.exit(), json.err());
        List<String> lines = json.out().lines().toList();
        assertEquals(2, lines.size(), json.out());
        assertEquals(global, MetricsRecordFormat.parse(lines.get(0).getBytes(StandardCharsets.UTF_8)));
        assertEquals(channel, MetricsRecordFormat.parse(lines.get(1).getBytes(StandardCharsets.UTF_8)));
        assertTrue(json.err().contains("malformed metrics record") && json.err().contains("lacks 'schema_version'"),
                json.err());

        ToolRun view = run("watch", "--bootstrap", BROKER.bootstrapServers(), "--topic-prefix", prefix,
                "--from-beginning", "--max-records", "2", "--duration", "20");
        assertEquals(0, view.exit(), view.err());
        assertTrue(view.out().contains("ratio 390.1") && view.out().contains("dead letters 3"), view.out());
        assertTrue(view.out().contains("4.25"), "channel 7 is listed: " + view.out());
    }

    @Test
    void anUnreachableBrokerIsReportedWithinSeconds() {
        long start = System.nanoTime();
        ToolRun r = run("consume", "--bootstrap", "localhost:1", "--out", dir.resolve("x").toString());
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("cannot reach Kafka at localhost:1"), r.err());
        assertTrue(seconds < 30, "took " + seconds + " s");
        ToolRun replay = run("replay", "--bootstrap", "localhost:1", "--synthetic");
        assertEquals(1, replay.exit());
        assertTrue(replay.err().contains("cannot reach Kafka"), replay.err());
    }

    @Test
    void wrongArgumentsAreUsageErrors() {
        ToolRun rate = run("replay", "--synthetic", "--rate", "fast");
        assertEquals(2, rate.exit());
        assertTrue(rate.err().contains("--rate must be realtime or max"), rate.err());
        ToolRun source = run("replay");
        assertEquals(2, source.exit());
        assertTrue(source.err().contains("--recordings") && source.err().contains("--synthetic"), source.err());
        ToolRun config = run("consume", "--out", "x", "--kafka-config", "/no/such/file");
        assertEquals(2, config.exit());
        assertTrue(config.err().contains("--kafka-config /no/such/file: no such file"), config.err());
        assertTrue(Arrays.asList(run("--help").out().split("\\s+")).contains("replay"));
    }
}
