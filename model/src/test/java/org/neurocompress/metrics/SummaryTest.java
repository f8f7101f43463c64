package org.neurocompress.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryTest {
    @Test
    void percentilesInterpolateLikeNumpy() {
        // numpy.percentile([1, 2, 3, 4, 10], [10, 50, 90]) = [1.4, 3.0, 7.6]
        Summary s = Summary.of(List.of(4.0, 1.0, 10.0, 3.0, 2.0));
        assertEquals(4.0, s.mean(), 1e-12);
        assertEquals(3.0, s.median(), 1e-12);
        assertEquals(1.4, s.p10(), 1e-12);
        assertEquals(7.6, s.p90(), 1e-12);
    }

    @Test
    void nullsAreLeftOut() {
        Summary s = Summary.of(Arrays.asList(null, 2.0, null));
        assertEquals(1, s.count());
        assertEquals(2.0, s.median());
        assertNull(Summary.of(Arrays.asList((Double) null)).median());
    }
}
