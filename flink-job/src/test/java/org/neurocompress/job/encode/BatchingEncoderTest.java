package org.neurocompress.job.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.neurocompress.codec.Codecs;
import org.neurocompress.codec.FrameEncoder;
import org.neurocompress.frame.FrameWriter;
import org.neurocompress.job.segment.Block;
import org.neurocompress.synth.SyntheticElectrode;

class BatchingEncoderTest {
    private static Block block(int channel) {
        return new Block(channel, 8192, 19531, new SyntheticElectrode(channel, 19531).samples(8192));
    }

    @Test
    void batchesAreEncodedWhenFullAfterTheWaitAndBeforeACheckpoint() throws Exception {
        try (var h = new OneInputStreamOperatorTestHarness<>(new BatchingEncoder("dct", 3, null,
                new BatchingEncoder.Limits(3, Integer.MAX_VALUE, 100)))) {
            h.open();
            h.setProcessingTime(0);
            for (int c = 0; c < 4; c++) {
                h.processElement(new StreamRecord<>(block(c)));
            }
            assertEquals(3, h.extractOutputValues().size(), "a full batch is encoded at once");
            h.setProcessingTime(50);
            assertEquals(3, h.extractOutputValues().size(), "the fourth block waits");
            h.setProcessingTime(100);
            assertEquals(4, h.extractOutputValues().size(), "and is encoded after the wait");

            h.processElement(new StreamRecord<>(block(9)));
            h.prepareSnapshotPreBarrier(1);
            List<EncodedBlock> out = h.extractOutputValues();
            assertEquals(5, out.size(), "nothing is held across a checkpoint barrier");

            FrameEncoder reference = new FrameEncoder(Codecs.create("dct", Optional.empty()), 3);
            for (EncodedBlock e : out) {
                Block b = e.block();
                assertArrayEquals(FrameWriter.toBytes(reference.encode(b.channel(), b.firstSampleIndex(),
                        b.sampleRate(), b.samples(), 0, b.samples().length)), e.frame().bytes());
            }
        }
    }

    @Test
    void aBatchIsAlsoEncodedOnceItsBlocksHoldEnoughSamples() throws Exception {
        // Blocks of 8192 samples, at most 64 blocks but 20 000 samples a batch: every third block fills a batch.
        try (var h = new OneInputStreamOperatorTestHarness<>(new BatchingEncoder("dct", 3, null,
                new BatchingEncoder.Limits(64, 20_000, 100)))) {
            h.open();
            h.setProcessingTime(0);
            for (int c = 0; c < 7; c++) {
                h.processElement(new StreamRecord<>(block(c)));
                assertEquals((c + 1) / 3 * 3, h.extractOutputValues().size(), "after block " + c);
            }
            h.setProcessingTime(100);
            assertEquals(7, h.extractOutputValues().size(), "the seventh after the wait");
        }
    }
}
