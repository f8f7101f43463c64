package org.neurocompress.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;

/** Savepoints restore into a changed job only if every operator keeps its uid: docs/job.md lists them. */
class JobGraphTest {
    static final Set<String> STABLE_UIDS = Set.of("samples", "parse", "dead-letters", "segment", "encode",
            "frame-bytes", "frames", "measure", "count-dead-letters", "channel-metrics", "global-metrics", "metrics");

    @Test
    void everyOperatorHasItsDocumentedUid() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        CompressionJob.build(env, JobConfig.builder().bootstrapServers("localhost:1").topicPrefix("uids.")
                .codec("dct", 3).samplesPerFrame(8192).reorderWindow(0).idleFlushMillis(500).checkpointMillis(1000)
                .parallelism(2).sidecarFraction(0.25).metricsWindow(2000, 1000).batch(64, 50).build());
        var graph = env.getStreamGraph();
        Set<String> uids = new TreeSet<>();
        for (StreamNode node : graph.getStreamNodes()) {
            assertNotNull(node.getTransformationUID(), "operator '" + node.getOperatorName() + "' has no uid");
            uids.add(node.getTransformationUID());
        }
        for (String uid : STABLE_UIDS) {
            assertTrue(uids.stream().anyMatch(u -> u.equals(uid) || u.startsWith(uid + " ")
                    || u.startsWith(uid + "-")), "uid " + uid + " in " + uids);
        }
        assertEquals(uids.size(), graph.getStreamNodes().size(), "uids are unique: " + uids);
    }
}
