package org.neurocompress.codec.lossless;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StepQuantiserTest {
    @Test
    void theReciprocalRoundsEveryErrorASixteenBitCodeCanMakeAsTheDivisionDoes() {
        for (int bound : new int[] {0, 1, 2, 4, 7, 100}) {
            StepQuantiser quantiser = new StepQuantiser(bound);
            int width = 2 * bound + 1;
            for (int error = -65_535 - bound; error <= 65_535 + bound; error++) {
                int divided = error >= 0 ? (error + bound) / width : -((bound - error) / width);
                assertEquals(divided, quantiser.quantise(error), "error " + error + ", bound " + bound);
                assertEquals(true, Math.abs(error - divided * width) <= bound, "within the bound");
            }
        }
    }
}
