package org.neurocompress.job.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class QualityProbeTest {
    private static final int PER_FRAME = 4096;

    @Test
    void aQuarterMeasuresEveryChannelOnceInFourSlotsAndAQuarterOfTheChannelsInEachSlot() {
        int channels = 1024;
        int[] perChannel = new int[channels];
        for (long slot = 100; slot < 104; slot++) {
            int inSlot = 0;
            for (int c = 0; c < channels; c++) {
                // any index inside the slot counts for the slot (a short block keeps its slot)
                if (QualityProbe.measured(c, slot * PER_FRAME + (c % 7), PER_FRAME, 0.25)) {
                    perChannel[c]++;
                    inSlot++;
                }
            }
            assertTrue(inSlot > channels / 4 - 64 && inSlot < channels / 4 + 64, "slot " + slot + ": " + inSlot);
        }
        for (int c = 0; c < channels; c++) {
            assertEquals(1, perChannel[c], "channel " + c + " is measured once every four frames");
        }
    }

    @Test
    void oneMeasuresEverythingAndZeroNothing() {
        for (int c = 0; c < 64; c++) {
            assertTrue(QualityProbe.measured(c, c * 1000L, PER_FRAME, 1.0));
            assertFalse(QualityProbe.measured(c, c * 1000L, PER_FRAME, 0.0));
        }
    }
}
