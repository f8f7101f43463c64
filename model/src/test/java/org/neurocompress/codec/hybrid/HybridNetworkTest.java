package org.neurocompress.codec.hybrid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HybridNetworkTest {
    /** The encoder's ranking of codes decides the bytes: the selection must order exactly as a full sort did. */
    @Test
    void smallestOrdersAsAFullSortWithTiesBrokenByIndex() {
        SplittableRandom random = new SplittableRandom(11);
        for (int trial = 0; trial < 500; trial++) {
            int count = 64;
            float[] values = new float[count + 5];
            for (int i = 0; i < values.length; i++) {
                // Few distinct values, so ties are common; signed zeros and a NaN now and then.
                values[i] = switch (random.nextInt(12)) {
                    case 0 -> -0.0f;
                    case 1 -> 0.0f;
                    case 2 -> Float.NaN;
                    default -> random.nextInt(-6, 6) / 2f;
                };
            }
            int from = trial % 5;
            Integer[] order = new Integer[count];
            for (int i = 0; i < count; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> {
                int c = Float.compare(values[from + a], values[from + b]);
                return c != 0 ? c : Integer.compare(a, b);
            });
            for (int k : new int[] {1, 8, 64, 70}) {
                int[] expected = new int[Math.min(k, count)];
                for (int i = 0; i < expected.length; i++) {
                    expected[i] = order[i];
                }
                assertArrayEquals(expected, HybridNetwork.smallest(values, from, count, k), "trial " + trial + " k " + k);
            }
        }
    }
}
