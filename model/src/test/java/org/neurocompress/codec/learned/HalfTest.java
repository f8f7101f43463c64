package org.neurocompress.codec.learned;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HalfTest {
    @Test
    void knownValues() {
        assertEquals(0x3C00, Half.fromFloat(1f) & 0xFFFF);
        assertEquals(0xC000, Half.fromFloat(-2f) & 0xFFFF);
        assertEquals(0x7BFF, Half.fromFloat(65504f) & 0xFFFF);
        assertEquals(0x7C00, Half.fromFloat(1e6f) & 0xFFFF);
        assertEquals(0x0001, Half.fromFloat(0x1p-24f) & 0xFFFF);
        assertEquals(0x3555, Half.fromFloat(1f / 3) & 0xFFFF);
        assertEquals(1f, Half.toFloat((short) 0x3C00));
        assertEquals(0x1p-24f, Half.toFloat((short) 1));
        assertTrue(Float.isNaN(Half.toFloat(Half.fromFloat(Float.NaN))));
    }

    @Test
    void everyHalfRoundTripsAndFloatsRoundToTheNearest() {
        for (int h = 0; h < 0x10000; h++) {
            float f = Half.toFloat((short) h);
            if (!Float.isNaN(f)) {
                assertEquals(h, Half.fromFloat(f) & 0xFFFF, "half 0x" + Integer.toHexString(h));
            }
        }
        java.util.SplittableRandom random = new java.util.SplittableRandom(1);
        for (int i = 0; i < 100_000; i++) {
            float f = (float) random.nextDouble(-2, 2);
            float back = Half.toFloat(Half.fromFloat(f));
            assertTrue(Math.abs(back - f) <= Math.max(Math.abs(f) * 0x1p-11f, 0x1p-25f), f + " -> " + back);
        }
    }
}
