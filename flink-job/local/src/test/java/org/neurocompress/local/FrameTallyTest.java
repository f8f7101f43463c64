package org.neurocompress.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.neurocompress.frame.CodecId;
import org.neurocompress.frame.Frame;

class FrameTallyTest {
    private static Frame frame(int channel, long first, int count) {
        return new Frame(CodecId.RAW, 1, new byte[0], channel, first, 19531, 1024, count, new byte[2 * count]);
    }

    @Test
    void shortFramesCoverTheirSamplesAndLossesShowAsMissingStretches() {
        FrameTally tally = new FrameTally(2, 3000, 1024);
        tally.add(frame(0, 0, 1024), 1_000_000_000L);
        tally.add(frame(0, 1024, 500), 1_500_000_000L);      // cut short by an idle flush
        tally.add(frame(0, 1524, 1024), 2_000_000_000L);
        tally.add(frame(0, 2548, 452), 9_000_000_000L);      // the tail, after the idle flush
        tally.add(frame(1, 0, 1024), 2_000_000_000L);
        tally.add(frame(1, 0, 1024), 2_100_000_000L);        // a duplicate
        tally.add(frame(1, 2048, 952), 2_200_000_000L);      // 1024..2048 never came
        assertFalse(tally.complete());
        assertEquals(6, tally.frames());
        assertEquals(1, tally.duplicates());
        assertEquals(1, tally.missingStretches());
        assertEquals(2 * 1024 / 1.0, tally.samplesPerSecond(), 1e-6,
                "the whole frames after the first burst, over the 1 s they took");
        tally.add(frame(1, 1024, 1024), 2_300_000_000L);
        assertTrue(tally.complete());
        assertEquals(0, tally.missingStretches());
    }

    @Test
    void aRunWhoseWholeFramesAllCameWithTheFirstCheckpointHasNoMeasurableRate() {
        FrameTally tally = new FrameTally(2, 1500, 1024);
        tally.add(frame(0, 0, 1024), 1_000_000_000L);
        tally.add(frame(1, 0, 1024), 1_010_000_000L);
        tally.add(frame(0, 1024, 476), 3_000_000_000L);
        tally.add(frame(1, 1024, 476), 3_000_000_000L);
        assertTrue(tally.complete());
        assertNull(tally.samplesPerSecond());
    }

    @Test
    void warmUpFramesAreCheckedButNotTimed() {
        FrameTally tally = new FrameTally(1, 5 * 1024, 1024, 2 * 1024);
        tally.add(frame(0, 0, 1024), 1_000_000_000L);
        tally.add(frame(0, 1024, 1024), 5_000_000_000L);     // still the warm-up: no clock yet
        tally.add(frame(0, 1024, 1024), 5_100_000_000L);     // a duplicate of the warm-up
        assertEquals(0, tally.clockStartNanos());
        assertNull(tally.samplesPerSecond());
        tally.add(frame(0, 2048, 1024), 6_000_000_000L);     // the first measured burst starts the clock
        tally.add(frame(0, 3072, 1024), 7_000_000_000L);
        tally.add(frame(0, 4096, 1024), 8_000_000_000L);
        assertTrue(tally.complete());
        assertEquals(6_000_000_000L, tally.clockStartNanos());
        assertEquals(1, tally.duplicates());
        assertEquals(0, tally.missingStretches());
        assertEquals(2 * 1024 / 2.0, tally.samplesPerSecond(), 1e-6,
                "two measured whole frames after the first measured burst, over the 2 s they took");
    }

    @Test
    void aLostWarmUpFrameIsStillALoss() {
        FrameTally tally = new FrameTally(1, 3 * 1024, 1024, 1024);
        tally.add(frame(0, 1024, 1024), 1_000_000_000L);
        tally.add(frame(0, 2048, 1024), 2_000_000_000L);
        assertFalse(tally.complete());
        assertEquals(1, tally.missingStretches());
    }

    @Test
    void framesOutOfOrderAreNeitherLostNorDuplicatesAndTheirRepeatsAre() {
        FrameTally tally = new FrameTally(1, 4 * 1024, 1024);
        tally.add(frame(0, 2048, 1024), 1_000_000_000L);     // ahead of two frames
        tally.add(frame(0, 3072, 1024), 1_000_000_000L);
        assertEquals(1, tally.missingStretches());
        tally.add(frame(0, 0, 1024), 1_100_000_000L);
        tally.add(frame(0, 1024, 1024), 1_200_000_000L);     // fills the gap
        tally.add(frame(0, 2048, 1024), 1_300_000_000L);     // repeats: one before the gap, one after
        tally.add(frame(0, 0, 1024), 1_300_000_000L);
        tally.add(frame(0, 3072, 1024), 1_300_000_000L);
        assertTrue(tally.complete());
        assertEquals(4, tally.frames());
        assertEquals(3, tally.duplicates());
        assertEquals(0, tally.missingStretches());
    }
}
