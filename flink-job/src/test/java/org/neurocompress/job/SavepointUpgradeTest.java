package org.neurocompress.job;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.neurocompress.codec.Codecs;
import org.neurocompress.codec.FrameEncoder;
import org.neurocompress.frame.Frame;
import org.neurocompress.frame.FrameWriter;
import org.neurocompress.kafka.client.KafkaClientConfig;
import org.neurocompress.kafka.replay.ReplayOptions;
import org.neurocompress.kafka.replay.ReplaySource;
import org.neurocompress.kafka.replay.Replayer;
import org.neurocompress.job.testing.CommittedFrames;
import org.neurocompress.kafka.testing.LocalBrokerExtension;
import org.neurocompress.kafka.topics.Topics;

/**
 * An operator upgrades the running job: stop with a savepoint mid-stream, start again from it with another
 * parallelism (2 to 4) and batch size. Every block's frame arrives once and is the frame an uninterrupted run (the
 * offline encoder) makes of it.
 */
class SavepointUpgradeTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(2).setNumberSlotsPerTaskManager(2).build());

    @RegisterExtension
    static final LocalBrokerExtension BROKER = new LocalBrokerExtension();

    private static final int CHANNELS = 6;
    private static final double SECONDS = 8;
    private static final int PER_FRAME = 2048;

    private static JobConfig config(int parallelism, int batch) {
        return JobConfig.builder().bootstrapServers(BROKER.bootstrapServers())
                .topicPrefix("sp.").codec("dct", 3).samplesPerFrame(PER_FRAME).reorderWindow(0).idleFlushMillis(2000)
                .checkpointMillis(300).parallelism(parallelism).sidecarFraction(0).metricsWindow(10_000, 1000)
                .batch(batch, 20).build();
    }

    @Test
    void aJobStoppedWithASavepointGoesOnAtAnotherParallelismWithEveryFrameOnceAndUnchanged(@TempDir Path dir)
            throws Exception {
        KafkaClientConfig kafka = BROKER.config();
        Topics topics = BROKER.createTopics("sp.", 4);
        CompletableFuture<Void> replay = CompletableFuture.runAsync(() -> {
            try {
                new Replayer(kafka, topics.samples()).run(ReplaySource.synthetic(CHANNELS, SECONDS, 9),
                        new ReplayOptions(CHANNELS, SECONDS, true, 256, 2, 0), p -> { });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        int perChannel = (int) Math.round(SECONDS * 19531);
        int expectedFrames = CHANNELS * ((perChannel + PER_FRAME - 1) / PER_FRAME);
        JobClient[] job = {start(config(2, 16), null)};
        String[] savepoint = {null};
        CommittedFrames received;
        try {
            received = CommittedFrames.read(kafka, topics.frames(), expectedFrames, () -> {
                savepoint[0] = job[0].stopWithSavepoint(false, dir.toUri().toString(), SavepointFormatType.CANONICAL)
                        .get();
                job[0] = start(config(4, 64), savepoint[0]);
            });
        } finally {
            job[0].cancel().get();
            replay.join();
        }
        Map<String, Frame> seen = received.seen;
        assertNotNull(savepoint[0], "the job was stopped with a savepoint mid-stream");
        assertTrue(seen.size() > expectedFrames / 4, "frames after the restart");
        assertEquals(0, received.duplicates, "frames duplicated");
        assertEquals(expectedFrames, seen.size(), "frames received (none lost)");
        FrameEncoder offline = new FrameEncoder(Codecs.create("dct", Optional.empty()), 3);
        ReplaySource source = ReplaySource.synthetic(CHANNELS, SECONDS, 9);
        for (Frame f : seen.values()) {
            Frame expected = offline.encode(f.channel(), f.firstSampleIndex(), f.sampleRate(), source.loop(f.channel()),
                    (int) f.firstSampleIndex(), f.sampleCount());
            assertArrayEquals(FrameWriter.toBytes(expected), FrameWriter.toBytes(f),
                    "frame " + f.channel() + "@" + f.firstSampleIndex() + " differs from an uninterrupted run's");
        }
    }

    private static JobClient start(JobConfig config, String savepoint) throws Exception {
        Configuration conf = new Configuration();
        if (savepoint != null) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        CompressionJob.build(env, config);
        return env.executeAsync(savepoint == null ? "before the upgrade" : "after the upgrade");
    }
}
