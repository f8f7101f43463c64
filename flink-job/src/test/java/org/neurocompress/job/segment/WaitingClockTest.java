package org.neurocompress.job.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class WaitingClockTest {
    @Test
    void busyTimeDoesNotCountAsWaiting() {
        WaitingClock clock = new WaitingClock();
        assertEquals(1_000, clock.at(1_000));
        clock.busy(1_000, 2_500);           // a long encode
        assertEquals(1_100, clock.at(2_600), "only the 100 ms after the encode were spent waiting");
        clock.busy(3_000, 2_900);           // a clock step backwards is not negative work
        assertEquals(1_500, clock.at(3_000));
    }
}
