package org.neurocompress.job.testing;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.neurocompress.frame.Frame;
import org.neurocompress.frame.FrameReader;
import org.neurocompress.kafka.client.KafkaClientConfig;
import org.neurocompress.kafka.client.KafkaClients;

/**
 * What a read_committed receiver sees of a frames topic while something happens to the job: every frame by channel
 * and first sample index, and how many arrived twice.
 */
public final class CommittedFrames {
    /** Something done to the running job once a quarter of the frames arrived (a kill, a savepoint). */
    public interface Midway {
        void run() throws Exception;
    }

    public final Map<String, Frame> seen = new TreeMap<>();
    public int duplicates;
    public boolean midwayDone;

    /** Reads until {@code expected} frames arrived, then 3 s more for late duplicates, or 150 s in all. */
    public static CommittedFrames read(KafkaClientConfig kafka, String topic, int expected, Midway midway)
            throws Exception {
        CommittedFrames out = new CommittedFrames();
        try (KafkaConsumer<byte[], byte[]> c = KafkaClients.consumer(kafka, Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"))) {
            KafkaClients.assignAll(c, topic, true);
            long end = System.nanoTime() + Duration.ofSeconds(150).toNanos();
            long settle = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(end, settle)) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    Frame f = FrameReader.parse(r.value());
                    if (out.seen.put(f.channel() + "@" + f.firstSampleIndex(), f) != null) {
                        out.duplicates++;
                    }
                }
                if (!out.midwayDone && out.seen.size() >= expected / 4) {
                    midway.run();
                    out.midwayDone = true;
                }
                if (out.seen.size() >= expected && settle == Long.MAX_VALUE) {
                    settle = System.nanoTime() + 3_000_000_000L;
                }
            }
        }
        return out;
    }
}
