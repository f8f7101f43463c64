package org.neurocompress.local;

import java.util.Arrays;
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
 * Frames of the warm-up (those starting before {@code measuredFrom}, a sample index) are checked like the others but
 * timed not at all: the clock starts at the first burst of measured frames.
 */
final class FrameTally {
    static final long FIRST_BURST_NANOS = 250_000_000L;

    private final int channels;
    private final long samplesPerChannel;
    private final int samplesPerFrame;
    private final long measuredFrom;
    private final Map<Integer, Arrivals> arrived = new HashMap<>();
    private long frames;
    private long duplicates;
    private long coveredSamples;
    private long firstNanos;
    private long lastWholeNanos;
    private long wholeFrameSamples;

    FrameTally(int channels, long samplesPerChannel, int samplesPerFrame) {
        this(channels, samplesPerChannel, samplesPerFrame, 0);
    }

    /** A tally whose throughput counts only frames starting at sample {@code measuredFrom} or later. */
    FrameTally(int channels, long samplesPerChannel, int samplesPerFrame, long measuredFrom) {
        this.channels = channels;
        this.samplesPerChannel = samplesPerChannel;
        this.samplesPerFrame = samplesPerFrame;
        this.measuredFrom = measuredFrom;
    }

    void add(Frame frame, long nanos) {
        Arrivals channel = arrived.computeIfAbsent(frame.channel(), c -> new Arrivals());
        if (!channel.add(frame.firstSampleIndex(), frame.sampleCount())) {
            duplicates++;
            return;
        }
        frames++;
        coveredSamples += frame.sampleCount();
        if (frame.firstSampleIndex() < measuredFrom) {
            return;
        }
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

    /** When the clock started (the first measured frame's arrival, {@link System#nanoTime()}); 0 before it. */
    long clockStartNanos() {
        return firstNanos;
    }

    /** Missing stretches of samples over all channels, each at least one lost frame; 0 when every sample arrived. */
    long missingStretches() {
        long missing = 0;
        for (int c = 0; c < channels; c++) {
            Arrivals channel = arrived.getOrDefault(c, new Arrivals());
            long expectedStart = channel.end;
            for (Map.Entry<Long, Integer> f : channel.others.entrySet()) {
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

    /**
     * One channel's frames: those that came in order tile [0, end) and are kept as their starts only (a search
     * finds a duplicate); the rest wait in a sorted map until the gap before them fills. The bench's reader keeps
     * up with 40 M samples/s, where a sorted map of every frame was a third of its time.
     */
    private static final class Arrivals {
        private long end;
        private long[] starts = new long[64];
        private int count;
        private final TreeMap<Long, Integer> others = new TreeMap<>();

        /** False for a duplicate: a frame starting where one already did. */
        boolean add(long first, int samples) {
            if ((first < end && Arrays.binarySearch(starts, 0, count, first) >= 0)
                    || (!others.isEmpty() && others.containsKey(first))) {
                return false;
            }
            if (first != end) {
                others.put(first, samples);
                return true;
            }
            append(first, samples);
            for (Integer next = others.remove(end); next != null; next = others.remove(end)) {
                append(end, next);
            }
            return true;
        }

        private void append(long first, int samples) {
            if (count == starts.length) {
                starts = Arrays.copyOf(starts, 2 * count);
            }
            starts[count++] = first;
            end = first + samples;
        }
    }
}
