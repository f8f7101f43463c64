package org.neurocompress.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class SyntheticElectrodeTest {
    @Test
    void sameSeedSameSamples() {
        assertArrayEquals(new SyntheticElectrode(3, 19531).samples(5000),
                new SyntheticElectrode(3, 19531).samples(5000));
        assertFalse(Arrays.equals(new SyntheticElectrode(3, 19531).samples(5000),
                new SyntheticElectrode(4, 19531).samples(5000)));
    }

    @Test
    void valuesSitOnATenBitGridAbout64Apart() {
        short[] x = new SyntheticElectrode(1, 19531).samples(100_000);
        TreeSet<Integer> values = new TreeSet<>();
        for (short s : x) {
            values.add((int) s);
        }
        assertTrue(values.size() <= 1024);
        Integer previous = null;
        for (int v : values) {
            if (previous != null) {
                int gap = v - previous;
                assertTrue(gap >= 64 && gap % 64 <= 2 || gap % 64 >= 62, "gap " + gap);
            }
            previous = v;
        }
    }

    @Test
    void hasSpikesAboveTheNoiseAndADcOffset() {
        short[] x = new SyntheticElectrode(2, 19531).samples(5 * 19531);
        double mean = Arrays.stream(toInts(x)).average().orElseThrow();
        double std = Math.sqrt(Arrays.stream(toInts(x)).mapToDouble(v -> (v - mean) * (v - mean)).average()
                .orElseThrow());
        long outliers = Arrays.stream(toInts(x)).filter(v -> Math.abs(v - mean) > 4 * std).count();
        assertTrue(std > 100, "std " + std);
        assertTrue(outliers > 0, "no spike-like excursions");
    }

    private static int[] toInts(short[] x) {
        int[] out = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i];
        }
        return out;
    }
}
