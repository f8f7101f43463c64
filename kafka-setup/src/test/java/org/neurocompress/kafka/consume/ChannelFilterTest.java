package org.neurocompress.kafka.consume;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ChannelFilterTest {
    @Test
    void numbersAndRanges() {
        ChannelFilter f = ChannelFilter.parse("0-3, 7,12-13");
        for (int c : new int[] {0, 1, 3, 7, 12, 13}) {
            assertTrue(f.accepts(c), "channel " + c);
        }
        for (int c : new int[] {4, 6, 8, 14, 1000}) {
            assertFalse(f.accepts(c), "channel " + c);
        }
        assertTrue(ChannelFilter.parse(null).accepts(99));
    }

    @Test
    void badListsNameThePart() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ChannelFilter.parse("1,x-3"));
        assertTrue(e.getMessage().contains("at 'x-3'"));
        assertThrows(IllegalArgumentException.class, () -> ChannelFilter.parse("5-2"));
    }
}
