package org.neurocompress.job;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.api.java.typeutils.runtime.kryo.KryoSerializer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;
import org.neurocompress.job.quality.QualityEvent;
import org.neurocompress.job.quality.WindowQuality;
import org.neurocompress.kafka.wire.MetricsRecord;

/** The job's records and state cost what their bytes cost: no type falls back to Kryo (generic serialisation). */
class RecordTypesTest {
    @Test
    void noOperatorOfTheJobNeedsGenericSerialisation() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        // Building the graph creates every edge's serialiser; with generic types off, a Kryo type would throw here.
        CompressionJob.build(env, JobConfig.builder().bootstrapServers("localhost:1").topicPrefix("types.")
                .codec("dct", 3).samplesPerFrame(8192).reorderWindow(0).idleFlushMillis(500).checkpointMillis(1000)
                .parallelism(2).sidecarFraction(0.25).metricsWindow(2000, 1000).batch(64, 50).build());
        assertTrue(env.getConfig().getSerializerConfig().hasGenericTypesDisabled());
        assertTrue(env.getConfig().isObjectReuseEnabled());
        StreamGraph graph = env.getStreamGraph();
        List<String> checked = new ArrayList<>();
        for (StreamNode node : graph.getStreamNodes()) {
            List<TypeSerializer<?>> serializers = new ArrayList<>(List.of(node.getTypeSerializersIn()));
            serializers.add(node.getTypeSerializerOut());
            for (TypeSerializer<?> s : serializers) {
                if (s != null) {
                    assertFalse(s instanceof KryoSerializer, node.getOperatorName() + " uses Kryo: " + s);
                    checked.add(node.getOperatorName());
                }
            }
        }
        assertTrue(checked.size() >= 8, "serialisers checked: " + checked);
    }

    @Test
    void windowStateAndTheSidecarsRecordsArePojos() {
        for (Class<?> type : List.of(WindowQuality.class, QualityEvent.class, MetricsRecord.class)) {
            assertInstanceOf(PojoTypeInfo.class, TypeInformation.of(type), type.getSimpleName());
        }
    }
}
