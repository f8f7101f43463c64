package org.neurocompress.kafka.replay;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.neurocompress.kafka.client.KafkaClientConfig;
import org.neurocompress.kafka.client.KafkaClients;
import org.neurocompress.kafka.wire.RecordKeys;
import org.neurocompress.kafka.wire.SamplesRecordFormat;

/**
 * Sends a {@link ReplaySource} to the samples topic as samples records, packet after packet in time order, with an
 * idempotent producer so a retried send never duplicates a packet.
 */
public final class Replayer {
    private final KafkaClientConfig config;
    private final String topic;
    private final AtomicBoolean stop = new AtomicBoolean();

    public Replayer(KafkaClientConfig config, String topic) {
        this.config = config;
        this.topic = topic;
    }

    /** Asks a running replay to stop after its current packet (Ctrl-C). */
    public void stop() {
        stop.set(true);
    }

    /** A progress report: elapsed seconds, samples sent, and how far behind real time the replay is. */
    public record Progress(double seconds, long samples, double behindSeconds) {
    }

    public ReplaySummary run(ReplaySource source, ReplayOptions options, Consumer<Progress> progress)
            throws Exception {
        long perChannel = Math.round(options.seconds() * source.sampleRate());
        int rate = source.sampleRate();
        AtomicReference<Exception> failure = new AtomicReference<>();
        long records = 0;
        long bytes = 0;
        long samples = 0;
        long start = System.nanoTime();
        long lastReport = start;
        try (KafkaProducer<byte[], byte[]> producer = KafkaClients.producer(config, Map.of(
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 1 << 20,
                ProducerConfig.BUFFER_MEMORY_CONFIG, 256L << 20,
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 20 << 20,
                // The broker answered when replay started: from then on, ride out a restart or a leader election
                // (a loaded KRaft broker can take over 10 s to serve metadata again) instead of failing.
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 120_000))) {
            for (long t = 0; t < perChannel && !stop.get(); t += options.packetSamples()) {
                int k = (int) Math.min(options.packetSamples(), perChannel - t);
                if (options.realTime()) {
                    pace(start, t, rate);
                }
                for (int first = 0; first < options.channels(); first += options.channelsPerRecord()) {
                    int n = Math.min(options.channelsPerRecord(), options.channels() - first);
                    byte[] value = packet(source, options.deviceId(), first, n, t, rate, k);
                    producer.send(new ProducerRecord<>(topic, RecordKeys.samples(options.deviceId(), first), value),
                            (metadata, e) -> {
                                if (e != null) {
                                    failure.compareAndSet(null, e);
                                }
                            });
                    records++;
                    bytes += value.length;
                    samples += (long) n * k;
                }
                if (failure.get() != null) {
                    throw failure.get();
                }
                long now = System.nanoTime();
                if (now - lastReport > 1_000_000_000L) {
                    lastReport = now;
                    double elapsed = (now - start) / 1e9;
                    progress.accept(new Progress(elapsed, samples, Math.max(0, elapsed - (double) (t + k) / rate)));
                }
            }
            producer.flush();
            if (failure.get() != null) {
                throw failure.get();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new ReplaySummary(samples, seconds, samples / seconds, records, bytes, options.channels(),
                (double) samples / options.channels() / rate);
    }

    private static void pace(long start, long sampleIndex, int rate) throws InterruptedException {
        long due = start + (long) (sampleIndex * 1e9 / rate);
        long wait = due - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }

    /**
     * A samples record value of {@code channels} channels from {@code firstChannel}, {@code samplesPerChannel} samples
     * each from {@code firstIndex}, built straight from the source loops without an intermediate array.
     */
    public static byte[] packet(ReplaySource source, long device, int firstChannel, int channels, long firstIndex,
            int rate, int samplesPerChannel) {
        ByteBuffer b = ByteBuffer.allocate(SamplesRecordFormat.HEADER_BYTES + 2 * channels * samplesPerChannel)
                .order(ByteOrder.LITTLE_ENDIAN);
        SamplesRecordFormat.writeHeader(b, device, firstChannel, channels, firstIndex, rate, samplesPerChannel);
        for (int t = 0; t < samplesPerChannel; t++) {
            for (int c = 0; c < channels; c++) {
                b.putShort(source.sample(firstChannel + c, firstIndex + t));
            }
        }
        return b.array();
    }
}
