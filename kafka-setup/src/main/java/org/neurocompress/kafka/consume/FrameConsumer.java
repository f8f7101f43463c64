package org.neurocompress.kafka.consume;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
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
 */
public final class FrameConsumer {
    private static final int MAX_REPORTED_PROBLEMS = 20;

    private final KafkaClientConfig config;
    private final String topic;
    private final Path outDir;
    private final CodecCatalog catalog;
    private final ChannelFilter filter;
    private final Consumer<String> problems;
    private final Map<Integer, ChannelSink> sinks = new TreeMap<>();
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private volatile boolean stopped;
    private long reported;
    private long checksumFailures;
    private long malformed;
    private long undecodable;

    public FrameConsumer(KafkaClientConfig config, String topic, Path outDir, CodecCatalog catalog,
            ChannelFilter filter, Consumer<String> problems) {
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
        try (KafkaConsumer<byte[], byte[]> c = KafkaClients.consumer(config, Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 << 20))) {
            consumer = c;
            KafkaClients.assignAll(c, topic, true);
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
                    if (accept(record)) {
                        frames++;
                    }
                }
            }
        } finally {
            consumer = null;
            for (ChannelSink sink : sinks.values()) {
                sink.close();
            }
        }
        return summary();
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
            sink = new ChannelSink(frame.channel(), file, frame.sampleRate(), frame.firstSampleIndex());
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
