package org.neurocompress.kafka.watch;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.neurocompress.kafka.client.KafkaClientConfig;
import org.neurocompress.kafka.client.KafkaClients;
import org.neurocompress.kafka.wire.MalformedRecordException;
import org.neurocompress.kafka.wire.MetricsRecord;
import org.neurocompress.kafka.wire.MetricsRecordFormat;

/** Tails the metrics topic and hands every valid record to a listener; malformed ones are counted. */
public final class MetricsWatcher {
    private final KafkaClientConfig config;
    private final String topic;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private volatile boolean stopped;

    public MetricsWatcher(KafkaClientConfig config, String topic) {
        this.config = config;
        this.topic = topic;
    }

    public void stop() {
        stopped = true;
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    /**
     * Runs until {@link #stop()}, {@code duration} has passed or {@code maxRecords} valid records were seen.
     *
     * @param fromBeginning read the topic's history first, instead of only what arrives from now on
     * @param tick called about every {@code refresh}, to redraw
     */
    public void run(boolean fromBeginning, Duration duration, long maxRecords, Duration refresh,
            Consumer<MetricsRecord> onRecord, Consumer<String> onMalformed, Runnable tick) throws IOException {
        KafkaClients.checkReachable(config);
        long end = duration == null ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
        long seen = 0;
        try (KafkaConsumer<byte[], byte[]> c = KafkaClients.consumer(config, Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"))) {
            consumer = c;
            KafkaClients.assignAll(c, topic, fromBeginning);
            long nextTick = System.nanoTime();
            while (!stopped && seen < maxRecords && System.nanoTime() < end) {
                try {
                    for (ConsumerRecord<byte[], byte[]> r : c.poll(refresh)) {
                        try {
                            onRecord.accept(MetricsRecordFormat.parse(r.value()));
                            seen++;
                        } catch (MalformedRecordException e) {
                            onMalformed.accept(topic + "/" + r.partition() + "@" + r.offset() + ": " + e.getMessage());
                        }
                    }
                } catch (WakeupException e) {
                    break;
                }
                if (System.nanoTime() >= nextTick) {
                    tick.run();
                    nextTick = System.nanoTime() + refresh.toNanos();
                }
            }
            tick.run();
        } finally {
            consumer = null;
        }
    }

    /** Convenience for scripts and tests: the records a bounded run saw. */
    public List<MetricsRecord> collect(boolean fromBeginning, Duration duration, long maxRecords) throws IOException {
        List<MetricsRecord> out = new ArrayList<>();
        run(fromBeginning, duration, maxRecords, Duration.ofMillis(200), out::add, m -> { }, () -> { });
        return out;
    }

}
