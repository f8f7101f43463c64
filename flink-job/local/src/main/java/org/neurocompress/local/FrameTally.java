package org.neurocompress.local;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.neurocompress.frame.Frame;

/**
 * What {@code bench e2e} reads back: which samples of every channel arrived (so a lost frame shows as a missing
 * stretch even when the job cut some frames short), duplicates, and the arrival times that throughput is taken from.
 * Throughput counts whole frames only: a channel's last, short frame waits for the idle flush, which would
 * otherwise add the idle time to the measured run. Exactly-once frames become visible in bursts, one per
 * checkpoint, each holding what the job did since the previous one: the clock starts at the first burst (frames
 * within {@link #FIRST_BURST_NANOS} of the first), whose frames were made before it started and are not counted.
 */
final class FrameTally {
    static final long FIRST_BURST_NANOS = 250_000_000L;

    private final int channels;
    private final long samplesPerChannel;
    private final int samplesPerFrame;
    private final Map<Integer, TreeMap<Long, Integer>> arrived = new HashMap<>();
    private long frames;
    private long duplicates;
    private long coveredSamples;
    private long firstNanos;
    private long lastWholeNanos;
    private long wholeFrameSamples;

    FrameTally(int channels, long samplesPerChannel, int samplesPerFrame) {
        this.channels = channels;
        this.samplesPerChannel = samplesPerChannel;
        this.samplesPerFrame = samplesPerFrame;
    }

    void add(Frame frame, long nanos) {
        TreeMap<Long, Integer> channel = arrived.computeIfAbsent(frame.channel(), c -> new TreeMap<>());
        if (channel.putIfAbsent(frame.firstSampleIndex(), frame.sampleCount()) != null) {
            duplicates++;
            return;
        }
        frames++;
        coveredSamples += frame.sampleCount();
        firstNanos = firstNanos == 0 ? nanos : firstNanos;
        if (frame.sampleCount() == samplesPerFrame && nanos - firstNanos > FIRST_BURST_NANOS) {
            lastWholeNanos = nanos;
            wholeFrameSamples += frame.sampleCount();
        }
    }

    boolean complete() {
        return coveredSamples >= channels * samplesPerChannel;
    }

    long frames() {
        return frames;
    }

    long duplicates() {
        return duplicates;
    }

    /** Missing stretches of samples over all channels, each at least one lost frame; 0 when every sample arrived. */
    long missingStretches() {
        long missing = 0;
        for (int c = 0; c < channels; c++) {
            long expectedStart = 0;
            for (Map.Entry<Long, Integer> f : arrived.getOrDefault(c, new TreeMap<>()).entrySet()) {
                missing += f.getKey() > expectedStart ? 1 : 0;
                expectedStart = Math.max(expectedStart, f.getKey() + f.getValue());
            }
            missing += expectedStart < samplesPerChannel ? 1 : 0;
        }
        return missing;
    }

    /**
     * Samples of whole frames per second, from the first burst's arrival to the last whole frame's; null when no
     * whole frame came after the first burst (a run too short to measure).
     */
    Double samplesPerSecond() {
        return wholeFrameSamples == 0 ? null : wholeFrameSamples / ((lastWholeNanos - firstNanos) / 1e9);
    }
}
