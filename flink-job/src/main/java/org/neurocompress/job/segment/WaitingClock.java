package org.neurocompress.job.segment;

/**
 * The processing time a subtask has spent waiting for input: wall time minus the time it spent handling elements
 * and timers, which includes the chained encoder's work. A channel counts as quiet only while its subtask waits:
 * otherwise one long encode would make every channel of the subtask look idle and close its block early.
 */
final class WaitingClock {
    private long busyMillis;

    /** This clock's reading at processing time {@code processingTime}. */
    long at(long processingTime) {
        return processingTime - busyMillis;
    }

    /** The subtask was busy from {@code start} to {@code end} (processing times). */
    void busy(long start, long end) {
        busyMillis += Math.max(0, end - start);
    }
}
