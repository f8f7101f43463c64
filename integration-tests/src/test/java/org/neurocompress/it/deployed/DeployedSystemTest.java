package org.neurocompress.it.deployed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.neurocompress.codec.Codec;
import org.neurocompress.codec.Codecs;
import org.neurocompress.codec.FrameDecoder;
import org.neurocompress.codec.FrameEncoder;
import org.neurocompress.frame.Frame;
import org.neurocompress.frame.FrameReader;
import org.neurocompress.kafka.replay.ReplaySource;
import org.neurocompress.local.cluster.JavaProcess;
import org.neurocompress.local.cluster.StandaloneCluster;
import org.neurocompress.synth.SyntheticRecording;
import org.neurocompress.wav.WavReader;

/**
 * The system as a user deploys it, on this machine: a Kafka broker in its own JVM, a Flink standalone session
 * cluster (a JobManager and two TaskManagers, each its own JVM), the job jar submitted with {@code flink run},
 * replay in and consume out with the tools, each its own JVM. One cluster serves the scenarios in turn, each with
 * topics of its own; faults are real: SIGKILL of a TaskManager, a broker restart, hostile records.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeployedSystemTest {
    private static final Path JOB_JAR = Path.of(System.getProperty("jobJar", "missing"));
    private static final int RATE = 19531;
    /** Level 3 (50x): frames of 8192 samples (0.42 s), so a short run has many. */
    private static final int LEVEL = 3;
    /** The default codec's frames at LEVEL. */
    private static final int FRAME_SAMPLES = Codecs.spec(Codecs.DEFAULT).level(LEVEL).segmentsPerFrame()
            * Codecs.spec(Codecs.DEFAULT).segmentLength();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every process's output, kept after the run for a look at what went wrong. */
    static final Path LOGS = Path.of("target", "deployed-system-logs").toAbsolutePath();

    @TempDir
    static Path dir;
    static Tools tools;
    static Broker broker;
    static StandaloneCluster cluster;

    @BeforeAll
    static void startTheSystem() throws Exception {
        if (Files.isDirectory(LOGS)) {
            try (var old = Files.list(LOGS)) {
                for (Path p : old.toList()) {
                    Files.delete(p);
                }
            }
        }
        tools = new Tools(LOGS, dir.resolve("djl-cache"));
        broker = new Broker(tools, dir.resolve("kafka-data"), StandaloneCluster.freePort());
        broker.start();
        cluster = StandaloneCluster.start(dir.resolve("flink"), LOGS, Path.of(System.getProperty("clusterLib")),
                StandaloneCluster.Size.of(2, 1));
    }

    @AfterAll
    static void stopTheSystem() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    /** The job on its own topics, exactly-once, checkpointing every second. */
    private static String submitJob(String prefix, String... extra) throws Exception {
        tools.run("topics-" + scenario(prefix), 60, "topics", "create", "--bootstrap", broker.bootstrap(), "--topic-prefix",
                prefix, "--partitions", "2");
        List<String> args = new ArrayList<>(List.of("--bootstrap", broker.bootstrap(), "--topic-prefix", prefix,
                "--level", String.valueOf(LEVEL), "--parallelism", "2", "--checkpoint-ms", "1000",
                "--idle-flush-ms", "3000"));
        args.addAll(List.of(extra));
        String jobId = cluster.submit(JOB_JAR, args);
        cluster.awaitRunning(jobId, Duration.ofSeconds(120));
        return jobId;
    }


    private static JavaProcess replay(String prefix, int channels, double seconds, String rate) throws Exception {
        return tools.start("replay-" + scenario(prefix), List.of("replay", "--bootstrap", broker.bootstrap(),
                "--topic-prefix", prefix, "--synthetic", "--channels", String.valueOf(channels), "--duration", String.valueOf(seconds),
                "--rate", rate, "--seed", "3"));
    }

    /** A scenario's name for its log files: its topic prefix without the trailing dot. */
    private static String scenario(String prefix) {
        return prefix.substring(0, prefix.length() - 1);
    }

    /** Frames every channel must produce: whole frames, then the idle flush's short one. */
    private static int expectedFrames(int channels, double seconds) {
        long samples = Math.round(seconds * RATE);
        return (int) (channels * ((samples + FRAME_SAMPLES - 1) / FRAME_SAMPLES));
    }

    /** Every record of a topic a read_committed consumer sees until nothing new arrives for {@code quiet}. */
    private static List<ConsumerRecord<byte[], byte[]>> readCommitted(String topic, int atLeast, Duration timeout,
            Duration quiet) {
        Properties props = new Properties();
        props.put("bootstrap.servers", broker.bootstrap());
        props.put("isolation.level", "read_committed");
        props.put("auto.offset.reset", "earliest");
        props.put("enable.auto.commit", "false");
        props.put("group.id", "it-" + topic + "-" + System.nanoTime());
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            long lastNew = System.nanoTime();
            while (System.nanoTime() < deadline) {
                int before = records.size();
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
                if (records.size() > before) {
                    lastNew = System.nanoTime();
                } else if (records.size() >= atLeast && System.nanoTime() - lastNew > quiet.toNanos()) {
                    break;
                }
            }
        }
        return records;
    }

    /** The committed frames of a scenario, once every one has arrived, checked to cover every sample once. */
    private static List<ConsumerRecord<byte[], byte[]>> everyFrameOnce(String prefix, int channels, double seconds,
            int timeoutSeconds) throws Exception {
        List<ConsumerRecord<byte[], byte[]>> frames = readCommitted(prefix + "frames", expectedFrames(channels,
                seconds), Duration.ofSeconds(timeoutSeconds), Duration.ofSeconds(6));
        assertEveryFrameOnce(frames, channels, seconds);
        return frames;
    }

    /**
     * Every replayed sample of every channel is in exactly one frame: frames sorted by first sample index must
     * tile each channel from 0 to its end. A missing stretch is a lost frame, an overlap a duplicated one. (The
     * frame grid itself may shift: a channel quiet longer than the idle flush, as during a broker restart, closes
     * its frame short and the next one starts where the samples resume.)
     */
    private static void assertEveryFrameOnce(List<ConsumerRecord<byte[], byte[]>> records, int channels,
            double seconds) throws Exception {
        Map<Integer, List<Frame>> byChannel = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            Frame f = FrameReader.parse(r.value());
            byChannel.computeIfAbsent(f.channel(), c -> new ArrayList<>()).add(f);
        }
        long samples = Math.round(seconds * RATE);
        long lostSamples = 0;
        int duplicated = 0;
        for (int c = 0; c < channels; c++) {
            List<Frame> frames = byChannel.getOrDefault(c, List.of()).stream()
                    .sorted(java.util.Comparator.comparingLong(Frame::firstSampleIndex)).toList();
            long next = 0;
            for (Frame f : frames) {
                if (f.firstSampleIndex() < next) {
                    duplicated++;
                } else {
                    lostSamples += f.firstSampleIndex() - next;
                }
                next = Math.max(next, f.firstSampleIndex() + f.sampleCount());
            }
            lostSamples += Math.max(0, samples - next);
        }
        System.out.printf("frames: %d read; samples lost %d, frames overlapping %d%n", records.size(), lostSamples,
                duplicated);
        assertEquals(0, lostSamples, "samples lost");
        assertEquals(0, duplicated, "frames duplicated");
        assertEquals(channels, byChannel.size());
    }

    @Test
    @Order(1)
    void happyPathEveryFrameArrivesDecodesWithinTheCodecsQualityAndEveryChannelIsMeasured() throws Exception {
        String prefix = "happy.";
        int channels = 6;
        double seconds = 8;
        String jobId = submitJob(prefix);
        try {
            assertEquals(0, replay(prefix, channels, seconds, "realtime").await(120));
            everyFrameOnce(prefix, channels, seconds, 90);

            Path out = dir.resolve("happy-out");
            String summary = tools.run("consume-happy", 120, "consume", "--bootstrap", broker.bootstrap(),
                    "--topic-prefix", prefix, "--out", out.toString(), "--idle-timeout", "5", "--json");
            JsonNode integrity = JSON.readTree(Files.readString(out.resolve("summary.json")));
            assertEquals(expectedFrames(channels, seconds), integrity.get("frames").asInt(), summary);
            assertEquals(0, integrity.get("undecodable").asInt());
            assertDecodedWithinTheCodecsQuality(out, channels, seconds);

            Set<Integer> measured = new HashSet<>();
            for (ConsumerRecord<byte[], byte[]> r : readCommitted(prefix + "metrics", channels,
                    Duration.ofSeconds(30), Duration.ofSeconds(3))) {
                JsonNode m = JSON.readTree(new String(r.value(), StandardCharsets.UTF_8));
                if (m.get("scope").asText().equals("channel")) {
                    measured.add(m.get("channel").asInt());
                }
            }
            assertEquals(channels, measured.size(), "metrics for every channel: " + measured);
            assertEquals(0, cluster.restarts(jobId), "the job never restarted");
        } finally {
            cluster.cancel(jobId);
        }
    }

    /**
     * docs/job.md's tolerance for the learned default: a frame of the job keeps the SNR of the offline encoder's
     * frame for the same samples within 0.5 dB. Checked per channel on what consume wrote.
     */
    private static void assertDecodedWithinTheCodecsQuality(Path out, int channels, double seconds) throws Exception {
        ReplaySource source = ReplaySource.synthetic(channels, Math.min(seconds, 2.0), 3);
        int samples = (int) Math.round(seconds * RATE);
        try (Codec codec = Codecs.create(Codecs.DEFAULT, Optional.empty())) {
            FrameEncoder offline = new FrameEncoder(codec, LEVEL);
            FrameDecoder decoder = new FrameDecoder(codec);
            for (int c = 0; c < channels; c++) {
                short[] original = new short[samples];
                short[] loop = source.loop(c);
                for (int i = 0; i < samples; i++) {
                    original[i] = loop[i % loop.length];
                }
                short[] received = WavReader.readAll(channelFile(out, c))[0];
                short[] reference = new short[samples];
                for (int first = 0; first < samples; first += FRAME_SAMPLES) {
                    int n = Math.min(FRAME_SAMPLES, samples - first);
                    short[] decoded = decoder.decode(offline.encode(c, first, RATE, original, first, n));
                    System.arraycopy(decoded, 0, reference, first, n);
                }
                double streamed = snrDb(original, received);
                double offlineSnr = snrDb(original, reference);
                System.out.printf("channel %d: SNR %.2f dB through the cluster, %.2f dB offline%n", c, streamed,
                        offlineSnr);
                assertTrue(streamed >= offlineSnr - 0.5, "channel " + c + ": " + streamed + " vs " + offlineSnr);
            }
        }
    }

    /** The WAV file consume wrote for a channel, as its summary names it. */
    private static Path channelFile(Path out, int channel) throws Exception {
        for (JsonNode c : JSON.readTree(Files.readString(out.resolve("summary.json"))).get("per_channel")) {
            if (c.get("channel").asInt() == channel) {
                return out.resolve(c.get("file").asText());
            }
        }
        throw new AssertionError("consume wrote no file for channel " + channel);
    }

    private static double snrDb(short[] original, short[] decoded) {
        double signal = 0;
        double noise = 0;
        for (int i = 0; i < original.length; i++) {
            double d = i < decoded.length ? decoded[i] : 0;
            signal += (double) original[i] * original[i];
            noise += (original[i] - d) * (original[i] - d);
        }
        return 10 * Math.log10(signal / noise);
    }

    @Test
    @Order(2)
    void aKilledTaskManagerIsReplacedAndTheJobRecoversWithNoFrameLostOrDuplicated() throws Exception {
        String prefix = "tmkill.";
        int channels = 6;
        double seconds = 16;
        String jobId = submitJob(prefix);
        try {
            JavaProcess replay = replay(prefix, channels, seconds, "realtime");
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (cluster.completedCheckpoints(jobId) < 3 && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            JavaProcess victim = cluster.taskManagers().get(0);
            long killed = System.nanoTime();
            victim.kill();
            cluster.startTaskManager();
            long restartSeen = 0;
            while (System.nanoTime() - killed < Duration.ofSeconds(120).toNanos()) {
                boolean running = cluster.isFullyRunning(jobId);
                if (!running && restartSeen == 0) {
                    restartSeen = System.nanoTime();
                }
                if (running && restartSeen != 0) {
                    break;
                }
                Thread.sleep(100);
            }
            double recovery = (System.nanoTime() - killed) / 1e9;
            assertTrue(cluster.isFullyRunning(jobId), "recovered: " + cluster.state(jobId));
            System.out.printf("recovery: %.1f s from SIGKILL of %s to every task running again%n", recovery,
                    victim.name());
            assertEquals(0, replay.await(120));
            everyFrameOnce(prefix, channels, seconds, 120);
        } finally {
            cluster.cancel(jobId);
        }
    }

    @Test
    @Order(3)
    void aBrokerRestartMidStreamLosesNothing() throws Exception {
        String prefix = "restart.";
        int channels = 4;
        double seconds = 20;
        String jobId = submitJob(prefix);
        try {
            JavaProcess replay = replay(prefix, channels, seconds, "realtime");
            Thread.sleep(6000);
            broker.stop();
            Thread.sleep(2000);
            broker.start();
            assertEquals(0, replay.await(180), "the replay tool carries on across the restart");
            everyFrameOnce(prefix, channels, seconds, 180);
            cluster.awaitRunning(jobId, Duration.ofSeconds(60));
        } finally {
            cluster.cancel(jobId);
        }
    }

    @Test
    @Order(4)
    void hostileRecordsGoToTheDeadLetterTopicAndGoodChannelsAreUnaffected() throws Exception {
        String prefix = "hostile.";
        int channels = 4;
        double seconds = 6;
        String jobId = submitJob(prefix);
        try {
            JavaProcess replay = replay(prefix, channels, seconds, "realtime");
            int hostile = sendHostileRecords(prefix + "samples", 10_000);
            assertEquals(0, replay.await(120));
            List<ConsumerRecord<byte[], byte[]>> frames = everyFrameOnce(prefix, channels, seconds, 120);
            List<ConsumerRecord<byte[], byte[]>> dead = readCommitted(prefix + "dead-letters", hostile,
                    Duration.ofSeconds(120), Duration.ofSeconds(5));
            Map<String, Integer> reasons = new HashMap<>();
            int cut = 0;
            for (ConsumerRecord<byte[], byte[]> r : dead) {
                Header reason = r.headers().lastHeader("nc.reason");
                assertTrue(reason != null && reason.value().length > 0, "every dead letter says why");
                reasons.merge(kindOf(new String(reason.value(), StandardCharsets.UTF_8)), 1, Integer::sum);
                cut += r.headers().lastHeader("nc.value.cut-from") != null ? 1 : 0;
            }
            System.out.printf("dead letters: %d of %d hostile records (%d oversized, cut); reasons: %s%n",
                    dead.size(), hostile, cut, reasons);
            assertEquals(hostile, dead.size());
            assertEquals(hostile / 4, cut, "every oversized record is forwarded cut, with its size");
            assertTrue(cluster.isFullyRunning(jobId), "the job is running");
            assertEquals(0, cluster.restarts(jobId), "the job never restarted");

            // Corrupt frames among good ones, fed to consume: counted and refused, the rest decoded.
            int corrupt = publishCorruptFrames(prefix + "frames", frames, 25);
            Path out = dir.resolve("hostile-out");
            tools.run("consume-hostile", 120, "consume", "--bootstrap", broker.bootstrap(), "--topic-prefix", prefix,
                    "--out", out.toString(), "--idle-timeout", "5");
            JsonNode integrity = JSON.readTree(Files.readString(out.resolve("summary.json")));
            long refused = integrity.get("checksum_failures").asLong() + integrity.get("malformed").asLong();
            assertEquals(corrupt, refused, integrity.toString());
            assertEquals(frames.size(), integrity.get("frames").asLong(), integrity.toString());
        } finally {
            cluster.cancel(jobId);
        }
    }

    /** Malformed, random, truncated and oversized samples records, interleaved; returns how many were sent. */
    private static int sendHostileRecords(String topic, int count) throws Exception {
        Properties props = new Properties();
        props.put("bootstrap.servers", broker.bootstrap());
        props.put("max.request.size", String.valueOf(4 << 20));
        Random random = new Random(7);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < count; i++) {
                byte[] value = switch (i % 4) {
                    case 0 -> "not a samples record".getBytes(StandardCharsets.UTF_8);
                    case 1 -> randomBytes(random, 1 + random.nextInt(200));
                    case 2 -> truncatedHeader(random);
                    default -> randomBytes(random, (1 << 20) + random.nextInt(1000));
                };
                producer.send(new ProducerRecord<>(topic, value));
            }
            producer.flush();
        }
        return count;
    }

    /** A reason up to its particulars (bytes, sizes), so reasons can be counted by kind. */
    private static String kindOf(String reason) {
        return reason.split("[':0-9]", 2)[0].trim();
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] b = new byte[length];
        random.nextBytes(b);
        return b;
    }

    /** The start of a plausible record cut short: the magic and version of the samples format, then nothing. */
    private static byte[] truncatedHeader(Random random) {
        byte[] b = randomBytes(random, 3 + random.nextInt(8));
        b[0] = 'N';
        b[1] = 'S';
        return b;
    }

    /** Copies of real frames with one byte flipped each, published after the good ones. */
    private static int publishCorruptFrames(String topic, List<ConsumerRecord<byte[], byte[]>> good, int count)
            throws Exception {
        Properties props = new Properties();
        props.put("bootstrap.servers", broker.bootstrap());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < count; i++) {
                byte[] value = good.get(i % good.size()).value().clone();
                value[value.length / 2] ^= 0x5A;
                producer.send(new ProducerRecord<>(topic, good.get(i % good.size()).key(), value));
            }
            producer.flush();
        }
        return count;
    }

    @Test
    @Order(5)
    void framesFromAnotherModelAreRefusedByName() throws Exception {
        Path other = trainAnotherModel(dir.resolve("other-model"));
        String otherFingerprint;
        String shippedFingerprint;
        // Named as frames carry them (hybrid: the first 4 bytes of the model's fingerprint).
        try (Codec shipped = Codecs.create(Codecs.DEFAULT, Optional.empty());
                Codec trained = Codecs.create(Codecs.DEFAULT, Optional.of(other))) {
            shippedFingerprint = FrameDecoder.fingerprintHex(shipped.fingerprint());
            otherFingerprint = FrameDecoder.fingerprintHex(trained.fingerprint());
        }
        String prefix = "wrongmodel.";
        int channels = 2;
        double seconds = 3;
        String jobId = submitJob(prefix, "--model", other.toString());
        try {
            assertEquals(0, replay(prefix, channels, seconds, "realtime").await(120));
            List<ConsumerRecord<byte[], byte[]>> frames = everyFrameOnce(prefix, channels, seconds, 90);

            Path refusedOut = dir.resolve("wrong-model-out");
            String refused = tools.run("consume-wrong-model", 120, "consume", "--bootstrap", broker.bootstrap(),
                    "--topic-prefix", prefix, "--out", refusedOut.toString(), "--idle-timeout", "5");
            JsonNode integrity = JSON.readTree(Files.readString(refusedOut.resolve("summary.json")));
            assertEquals(frames.size(), integrity.get("undecodable").asLong(), integrity.toString());
            assertEquals(0, integrity.get("frames").asLong(), "nothing decoded with the wrong model");
            assertTrue(refused.contains(otherFingerprint) && refused.contains(shippedFingerprint),
                    "the refusal names the frame's model and the one at hand: " + refused);

            Path decodedOut = dir.resolve("right-model-out");
            tools.run("consume-right-model", 120, "consume", "--bootstrap", broker.bootstrap(), "--topic-prefix",
                    prefix, "--out", decodedOut.toString(), "--idle-timeout", "5", "--model", other.toString());
            JsonNode decoded = JSON.readTree(Files.readString(decodedOut.resolve("summary.json")));
            assertEquals(frames.size(), decoded.get("frames").asLong(), decoded.toString());
        } finally {
            cluster.cancel(jobId);
        }
    }

    /** Another model of the default codec, trained as a user would (one epoch on a generated recording). */
    private static Path trainAnotherModel(Path out) throws Exception {
        Path data = Files.createDirectories(dir.resolve("other-data"));
        SyntheticRecording.write(data.resolve("generated.wav"), 2, 64 * 1024, RATE, 99);
        int exit = org.neurocompress.cli.Main.run(org.neurocompress.cli.Main.commandLine(), new String[] {"train",
            "--preset", Codecs.DEFAULT, "--data", data.toString(), "--epochs", "1", "--seed", "5", "--out",
            out.toString()});
        assertEquals(0, exit, "train");
        return out;
    }
}
