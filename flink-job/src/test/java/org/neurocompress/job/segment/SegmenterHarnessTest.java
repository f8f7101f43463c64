package org.neurocompress.job.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The segmenter as Flink runs it: keyed state per channel, processing-time idle flush, snapshot and restore. */
class SegmenterHarnessTest {
    private static ChannelChunk chunk(int channel, long first, int length) {
        short[] s = new short[length];
        for (int i = 0; i < length; i++) {
            s[i] = (short) (channel * 1000 + (first + i) % 1000);
        }
        return new ChannelChunk(channel, first, 19531, s);
    }

    private static KeyedOneInputStreamOperatorTestHarness<Integer, ChannelChunk, Block> harness() throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new Segmenter(100, 50, 2000)),
                ChannelChunk::channel, Types.INT);
    }

    @Test
    void channelsAreAssembledIndependentlyAndIdleOnesFlushed() throws Exception {
        try (var h = harness()) {
            h.open();
            h.setProcessingTime(0);
            for (long at = 0; at < 150; at += 50) {
                h.processElement(new StreamRecord<>(chunk(1, at, 50)));
                h.processElement(new StreamRecord<>(chunk(2, at + 1000, 50)));
            }
            List<Block> out = h.extractOutputValues();
            assertEquals(2, out.size(), "one full block per channel so far");
            assertTrue(out.stream().allMatch(b -> b.samples().length == 100));
            h.setProcessingTime(1500);
            assertEquals(2, h.extractOutputValues().size(), "not idle yet");
            h.setProcessingTime(3000);
            List<Block> flushed = h.extractOutputValues();
            assertEquals(4, flushed.size(), "both partial blocks flushed after the idle time");
            Block ch1 = flushed.stream().filter(b -> b.channel() == 1 && b.firstSampleIndex() == 100).findFirst()
                    .orElseThrow();
            assertArrayEquals(chunk(1, 100, 50).samples(), ch1.samples());
        }
    }

    @Test
    void stateSurvivesASnapshotAndRestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness()) {
            h.open();
            h.processElement(new StreamRecord<>(chunk(7, 0, 60)));
            h.processElement(new StreamRecord<>(chunk(7, 80, 10))); // waits for 60..80
            snapshot = h.snapshot(1L, 1L);
        }
        try (var restored = harness()) {
            restored.initializeState(snapshot);
            restored.open();
            restored.processElement(new StreamRecord<>(chunk(7, 60, 20)));
            restored.processElement(new StreamRecord<>(chunk(7, 90, 10)));
            List<Block> out = restored.extractOutputValues();
            assertEquals(1, out.size());
            assertEquals(0, out.get(0).firstSampleIndex());
            assertArrayEquals(chunk(7, 0, 100).samples(), out.get(0).samples());
        }
    }

    @Test
    void afterARestoreChannelsGetAFullIdlePeriodBeforeTheyAreFlushed() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness()) {
            h.open();
            h.setProcessingTime(0);
            h.processElement(new StreamRecord<>(chunk(3, 0, 40)));
            snapshot = h.snapshot(1L, 0L);
        }
        try (var restored = harness()) {
            restored.setProcessingTime(60_000); // the restart happens long after the last sample
            restored.initializeState(snapshot);
            restored.open();
            restored.setProcessingTime(60_001); // the restored timer fires at once
            assertEquals(0, restored.extractOutputValues().size(), "no flush right after the restart");
            restored.processElement(new StreamRecord<>(chunk(3, 40, 60)));
            List<Block> out = restored.extractOutputValues();
            assertEquals(1, out.size());
            assertEquals(100, out.get(0).samples().length, "the block completes as if nothing happened");
            restored.processElement(new StreamRecord<>(chunk(3, 100, 10)));
            restored.setProcessingTime(70_000);
            assertEquals(2, restored.extractOutputValues().size(), "a channel quiet after the restart is flushed");
        }
    }
}
