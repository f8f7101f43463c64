package org.neurocompress.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The staggered two- and three-section loops compute exactly what one section after another computes, bit for bit. */
class ButterworthTest {
    @Test
    void staggeredSectionsMatchSectionBySectionBitForBit() {
        assertStaggeredMatchesSequential(Butterworth.bandPass(3, 300, 5000, 19531), 3);
        assertStaggeredMatchesSequential(Butterworth.lowPass(3, 300, 19531), 2);
    }

    private static void assertStaggeredMatchesSequential(Butterworth band, int sections) {
        Random random = new Random(5);
        for (int length : new int[] {2, 3, 4, 5, 17, 1000, 65536}) {
            double[] x = new double[length + 10];
            for (int i = 0; i < x.length; i++) {
                x[i] = random.nextGaussian() * 100 + (i % 97 == 0 ? -2000 : 0);
            }
            double[] staggered = x.clone();
            double[] sequential = x.clone();
            double[][] stateA = java.util.Arrays.copyOf(new double[][] {{0.5, -0.25}, {1.5, 2}, {-3, 0.125}}, sections);
            double[][] stateB = java.util.Arrays.copyOf(new double[][] {{0.5, -0.25}, {1.5, 2}, {-3, 0.125}}, sections);
            // From 5 to 5 + length, leaving the ends untouched; twice, continuing from the state.
            for (int pass = 0; pass < 2; pass++) {
                band.filterInPlace(staggered, 5, 5 + length, stateA);
                band.filterSectionBySection(sequential, 5, 5 + length, stateB);
            }
            assertArrayEquals(sequential, staggered, "length " + length);
            for (int s = 0; s < sections; s++) {
                assertArrayEquals(stateB[s], stateA[s], "state of section " + s + ", length " + length);
            }
        }
        assertEquals(sections, band.sectionCount(), "the filter takes the staggered " + sections + "-section path");
    }
}
