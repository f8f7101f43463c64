package org.neurocompress.job.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Queue;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;
import org.neurocompress.job.segment.ChannelChunk;
import org.neurocompress.kafka.wire.SamplesRecord;
import org.neurocompress.kafka.wire.SamplesRecordFormat;

class SamplesParserTest {
    @Test
    void splitsAPacketPerChannelAndRejectsMalformedRecordsWithTheirReason() throws Exception {
        short[] interleaved = {1, 10, 100, 2, 20, 200}; // 3 channels x 2 instants
        byte[] good = SamplesRecordFormat.toBytes(new SamplesRecord(0, 40, 3, 5000, 19531, 2, interleaved));
        byte[] truncated = java.util.Arrays.copyOf(good, good.length - 2);
        try (OneInputStreamOperatorTestHarness<RawRecord, ChannelChunk> h = ProcessFunctionTestHarnesses.forProcessFunction(
                new SamplesParser())) {
            h.processElement(new StreamRecord<>(new RawRecord("samples", 2, 17, null, good)));
            h.processElement(new StreamRecord<>(new RawRecord("samples", 2, 18, null, truncated)));
            h.processElement(new StreamRecord<>(new RawRecord("samples", 3, 4, null, "junk".getBytes())));
            List<ChannelChunk> chunks = h.extractOutputValues();
            assertEquals(3, chunks.size());
            assertEquals(41, chunks.get(1).channel());
            assertEquals(5000, chunks.get(1).firstSampleIndex());
            assertArrayEquals(new short[] {10, 20}, chunks.get(1).samples());
            Queue<StreamRecord<RejectedRecord>> rejected = h.getSideOutput(SamplesParser.REJECTED);
            assertEquals(2, rejected.size());
            RejectedRecord first = rejected.poll().getValue();
            assertEquals(18, first.record().offset());
            assertTrue(first.reason().contains("sample count does not match size"), first.reason());
            RejectedRecord second = rejected.poll().getValue();
            assertEquals(3, second.record().partition());
            assertTrue(second.reason().contains("too short"), second.reason());
        }
    }
}
