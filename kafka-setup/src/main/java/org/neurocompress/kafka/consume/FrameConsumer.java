package org.neurocompress.kafka.consume;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.neurocompress.codec.CodecException;
import org.neurocompress.frame.Frame;
import org.neurocompress.frame.FrameFormatException;
import org.neurocompress.frame.FrameReader;
import org.neurocompress.kafka.client.KafkaClientConfig;
import org.neurocompress.kafka.client.KafkaClients;

/**
 * Reads committed frames from the frames topic, checks and decodes each with the model its fingerprint names, and
 * writes one WAV file per channel. A frame that fails its checks is refused, counted and reported; the rest are
 * still decoded.
 *
 * <p>Without a consumer group every run reads the whole topic into new files. With one, a run starts at the
 * group's committed offsets and goes on with the files its last run wrote (their first sample index comes from
 * that run's summary.json); when it stops it first replaces the files, then the summary, then commits the offset
 * after the last frame it handled. A crash before the commit leaves the previous files and offsets, so the next
 * run reads those frames again; frames a file already holds are dropped as duplicates: nothing lost, nothing twice.
 */
public final class FrameConsumer {
    private static final int MAX_REPORTED_PROBLEMS = 20;

    private final KafkaClientConfig config;
    private final String topic;
    private final Path outDir;
    private final CodecCatalog catalog;
    private final ChannelFilter filter;
    private final Consumer<String> problems;
    private final Group group;
    private final Map<Integer, ChannelSink> sinks = new TreeMap<>();
    /** The offset after the last record handled, per partition: what a group commits. */
    private final Map<TopicPartition, OffsetAndMetadata> handled = new HashMap<>();
    /** Channels of the last run's files that this run goes on with: channel to first sample index. */
    private Map<Integer, Long> resumable = Map.of();
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private volatile boolean stopped;
    private long reported;
    private long checksumFailures;
    private long malformed;
    private long undecodable;

    /** A consumer group ({@code id} null: none) and whether it starts from the beginning, ignoring its offsets. */
    public record Group(String id, boolean fromBeginning) {
        public static final Group NONE = new Group(null, true);
    }

    public FrameConsumer(KafkaClientConfig config, String topic, Path outDir, CodecCatalog catalog,
            ChannelFilter filter, Consumer<String> problems) {
        this(config, topic, outDir, catalog, filter, problems, Group.NONE);
    }

    public FrameConsumer(KafkaClientConfig config, String topic, Path outDir, CodecCatalog catalog,
            ChannelFilter filter, Consumer<String> problems, Group group) {
        this.group = group;
        this.config = config;
        this.topic = topic;
        this.outDir = outDir;
        this.catalog = catalog;
        this.filter = filter;
        this.problems = problems;
    }

    /** Stops a running consume from another thread (Ctrl-C); what was received is kept. */
    public void stop() {
        stopped = true;
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    /**
     * Consumes until no frame has arrived for {@code idleTimeout}, {@code maxFrames} frames were written, or
     * {@link #stop()}.
     */
    public IntegritySummary run(Duration idleTimeout, long maxFrames) throws IOException {
        KafkaClients.checkReachable(config);
        Files.createDirectories(outDir);
        Map<String, Object> settings = new HashMap<>(Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 << 20));
        if (group.id() != null) {
            settings.put(ConsumerConfig.GROUP_ID_CONFIG, group.id());
            if (!group.fromBeginning()) {
                resumable = LastRun.channels(outDir);
            }
        }
        try (KafkaConsumer<byte[], byte[]> c = KafkaClients.consumer(config, settings)) {
            consumer = c;
            KafkaClients.assignAll(c, topic, true);
            if (group.id() != null && !group.fromBeginning()) {
                startAtCommittedOffsets(c);
            }
            try {
                poll(c, idleTimeout, maxFrames);
            } finally {
                consumer = null;
                closeSinks();
            }
            IntegritySummary summary = summary();
            LastRun.write(outDir, summary);
            if (group.id() != null && !handled.isEmpty()) {
                c.commitSync(handled);
            }
            return summary;
        }
    }

    private void startAtCommittedOffsets(KafkaConsumer<byte[], byte[]> c) {
        Map<TopicPartition, OffsetAndMetadata> committed = c.committed(c.assignment());
        for (TopicPartition p : c.assignment()) {
            OffsetAndMetadata at = committed.get(p);
            if (at != null) {
                c.seek(p, at.offset());
            }
        }
    }

    private void poll(KafkaConsumer<byte[], byte[]> c, Duration idleTimeout, long maxFrames) throws IOException {
        long lastRecord = System.nanoTime();
        long frames = 0;
        while (!stopped && frames < maxFrames) {
            ConsumerRecords<byte[], byte[]> records;
            try {
                records = c.poll(Duration.ofMillis(200));
            } catch (WakeupException e) {
                break;
            }
            if (records.isEmpty()) {
                if (System.nanoTime() - lastRecord > idleTimeout.toNanos()) {
                    break;
                }
                continue;
            }
            lastRecord = System.nanoTime();
            for (ConsumerRecord<byte[], byte[]> record : records) {
                if (frames >= maxFrames) {
                    return; // the rest stays uncommitted for the next run
                }
                if (accept(record)) {
                    frames++;
                }
                handled.put(new TopicPartition(record.topic(), record.partition()),
                        new OffsetAndMetadata(record.offset() + 1));
            }
        }
    }

    private void closeSinks() throws IOException {
        IOException first = null;
        for (ChannelSink sink : sinks.values()) {
            try {
                sink.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private boolean accept(ConsumerRecord<byte[], byte[]> record) throws IOException {
        String where = topic + "/" + record.partition() + "@" + record.offset();
        Frame frame;
        try {
            frame = FrameReader.parse(record.value() == null ? new byte[0] : record.value());
        } catch (FrameFormatException e) {
            if (e.getMessage().startsWith("checksum mismatch")) {
                checksumFailures++;
            } else {
                malformed++;
            }
            report(where + ": refused: " + e.getMessage());
            return false;
        }
        if (!filter.accepts(frame.channel())) {
            return false;
        }
        short[] decoded;
        try {
            decoded = catalog.decoderFor(frame).decode(frame);
        } catch (CodecException e) {
            undecodable++;
            report(where + ": channel " + frame.channel() + ": refused: " + e.getMessage());
            return false;
        }
        sink(frame).write(frame.firstSampleIndex(), decoded);
        return true;
    }

    private ChannelSink sink(Frame frame) throws IOException {
        ChannelSink sink = sinks.get(frame.channel());
        if (sink == null) {
            Path file = outDir.resolve(String.format("channel-%05d.wav", frame.channel()));
            Long resumeAt = resumable.get(frame.channel());
            sink = resumeAt != null && Files.exists(file)
                    ? new ChannelSink(frame.channel(), file, frame.sampleRate(), resumeAt, true)
                    : new ChannelSink(frame.channel(), file, frame.sampleRate(), frame.firstSampleIndex());
            sinks.put(frame.channel(), sink);
        }
        return sink;
    }

    private void report(String problem) {
        if (reported < MAX_REPORTED_PROBLEMS) {
            problems.accept(problem);
        } else if (reported == MAX_REPORTED_PROBLEMS) {
            problems.accept("further problems are counted, not shown");
        }
        reported++;
    }

    private IntegritySummary summary() {
        List<IntegritySummary.Channel> channels = new ArrayList<>();
        long frames = 0;
        long samples = 0;
        long gaps = 0;
        long gapSamples = 0;
        long duplicates = 0;
        for (ChannelSink s : sinks.values()) {
            channels.add(new IntegritySummary.Channel(s.channel(), s.file().getFileName().toString(), s.sampleRate(),
                    s.firstSampleIndex(), s.frames, s.samples, s.gaps, s.gapSamples, s.duplicates));
            frames += s.frames;
            samples += s.samples;
            gaps += s.gaps;
            gapSamples += s.gapSamples;
            duplicates += s.duplicates;
        }
        return new IntegritySummary(frames, samples, channels.size(), gaps, gapSamples, duplicates, checksumFailures,
                malformed, undecodable, channels);
    }
}
