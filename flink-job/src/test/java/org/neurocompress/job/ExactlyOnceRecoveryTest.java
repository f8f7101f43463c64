package org.neurocompress.job;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.neurocompress.codec.Codecs;
import org.neurocompress.codec.FrameDecoder;
import org.neurocompress.frame.Frame;
import org.neurocompress.job.testing.CommittedFrames;
import org.neurocompress.kafka.testing.LocalBrokerExtension;
import org.neurocompress.kafka.client.KafkaClientConfig;
import org.neurocompress.kafka.replay.ReplayOptions;
import org.neurocompress.kafka.replay.ReplaySource;
import org.neurocompress.kafka.replay.Replayer;
import org.neurocompress.kafka.topics.Topics;

/**
 * A TaskManager dies mid-stream and another takes its place: no frame lost, none duplicated, and with the lossless
 * codec every channel comes back bit for bit.
 */
class ExactlyOnceRecoveryTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(2).setNumberSlotsPerTaskManager(1).build());

    @RegisterExtension
    static final LocalBrokerExtension BROKER = new LocalBrokerExtension();

    @Test
    void aTaskManagerKilledMidStreamLosesAndDuplicatesNoFrameAndLosslessChannelsAreExact(@InjectMiniCluster MiniCluster cluster)
            throws Exception {
        KafkaClientConfig kafka = BROKER.config();
        Topics topics = BROKER.createTopics("eo.", 2);
        int channels = 4;
        double seconds = 8;
        // Real-time replay in the background, so the failure happens while samples still arrive.
        CompletableFuture<Void> replay = CompletableFuture.runAsync(() -> {
            try {
                new Replayer(kafka, topics.samples()).run(ReplaySource.synthetic(channels, seconds, 5),
                        new ReplayOptions(channels, seconds, true, 256, channels, 0), p -> { });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        CompressionJob.build(env, JobConfig.builder().bootstrapServers(BROKER.bootstrapServers())
                .topicPrefix("eo.").codec("lossless", 1).samplesPerFrame(2048).reorderWindow(0).idleFlushMillis(500)
                .checkpointMillis(300).parallelism(2).sidecarFraction(0).metricsWindow(10_000, 1000).batch(16, 20)
                .build());
        JobClient job = env.executeAsync("exactly-once under failure");
        int perChannel = (int) Math.round(seconds * 19531);
        int expectedFrames = channels * ((perChannel + 2047) / 2048);
        CommittedFrames received;
        try {
            received = CommittedFrames.read(kafka, topics.frames(), expectedFrames, () -> {
                cluster.terminateTaskManager(0).get();
                cluster.startTaskManager();
            });
        } finally {
            job.cancel().get();
            replay.join();
        }
        Map<String, Frame> seen = received.seen;
        assertTrue(received.midwayDone, "the TaskManager was killed mid-stream");
        assertEquals(0, received.duplicates, "frames duplicated");
        assertEquals(expectedFrames, seen.size(), "frames received (none lost)");
        FrameDecoder decoder = new FrameDecoder(Codecs.create("lossless", Optional.empty()));
        ReplaySource expected = ReplaySource.synthetic(channels, seconds, 5);
        Set<Integer> complete = new HashSet<>();
        for (int ch = 0; ch < channels; ch++) {
            short[] all = new short[perChannel];
            for (Frame f : seen.values()) {
                if (f.channel() == ch) {
                    short[] d = decoder.decode(f);
                    System.arraycopy(d, 0, all, (int) f.firstSampleIndex(), d.length);
                }
            }
            assertArrayEquals(expected.loop(ch), all, "channel " + ch);
            complete.add(ch);
        }
        assertEquals(channels, complete.size());
    }
}
