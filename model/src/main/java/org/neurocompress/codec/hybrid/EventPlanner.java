package org.neurocompress.codec.hybrid;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.neurocompress.metrics.SpikeFidelity;

/**
 * The encoder's choice of spike events. It finds the spikes of a frame as the spike-fidelity metric does (band-pass,
 * threshold from the frame's own noise level, downward crossings), then, once the background is coded, gives an
 * event to every spike the decoded background would not reproduce: the waveform of the codebook that best fits what
 * the background misses there, at the smallest gain that makes the decoded signal cross the threshold within the
 * metric's tolerance. A spike the background keeps costs nothing.
 */
final class EventPlanner {
    /** How many of the ranked shapes the exact fit tries. */
    static final int CANDIDATES = 8;
    /** The noise level is the median of every 4th band-passed sample: an estimate either way, at a quarter of the cost. */
    private static final int THRESHOLD_STRIDE = 4;
    private static final int MAX_GAIN_STEPS = 6;
    /**
     * A decoded spike must cross this much more than the frame's threshold: the metric's threshold comes from the
     * whole recording, which differs from one frame's estimate by about 5% either way.
     */
    static final double MARGIN_FACTOR = 1.1;
    /** Band-pass filtering around one spike needs this much signal each side to settle (the 300 Hz edge: ~5 ms). */
    static final int MARGIN = 128;

    private final SpikeFidelity.Filters filters;
    private final Waveforms waveforms;
    /** Each shape band-passed, at offset MARGIN of a 2 x MARGIN + LENGTH window: filtering is linear. */
    private final double[][] bandedShapes;

    EventPlanner(SpikeFidelity.Filters filters, Waveforms waveforms) {
        this.filters = filters;
        this.waveforms = waveforms;
        bandedShapes = new double[Waveforms.COUNT][];
        for (int k = 0; k < Waveforms.COUNT; k++) {
            double[] padded = new double[2 * MARGIN + Waveforms.LENGTH];
            float[] shape = waveforms.shape(k);
            for (int j = 0; j < Waveforms.LENGTH; j++) {
                padded[MARGIN + j] = shape[j];
            }
            bandedShapes[k] = filters.spikeBand().filtfilt(padded);
        }
    }

    /** A spike of the frame and the shapes most like it, best first. */
    record Spike(int position, int[] candidates) {
    }

    /** What the planner needs of a frame: its samples, band-passed signal, threshold and spikes. */
    record Frame(double[] x, int count, double[] banded, double threshold, int[] crossings) {
    }

    /** Band-passes the frame and finds its spikes; null if it is too short to filter. */
    Frame analyse(double[] x, int count) {
        if (count <= 3 * filters.spikeBand().padLength() + Waveforms.LENGTH) {
            return null;
        }
        double[] banded = filters.spikeBand().filtfilt(Arrays.copyOf(x, count));
        double threshold = SpikeFidelity.threshold(banded, 0, count, THRESHOLD_STRIDE);
        return new Frame(x, count, banded, threshold, SpikeFidelity.crossings(banded, threshold,
                filters.refractory()));
    }

    /**
     * The spike's waveform as the shape ranking sees it: the frame's band-passed signal around the crossing, zero
     * outside the frame.
     */
    static double[] window(Frame frame, int position) {
        double[] w = new double[Waveforms.LENGTH];
        for (int j = 0; j < Waveforms.LENGTH; j++) {
            int i = position - Waveforms.BEFORE + j;
            w[j] = i >= 0 && i < frame.count() ? frame.banded()[i] : 0;
        }
        return w;
    }

    /** The segments whose samples {@link #plan} reads: those within MARGIN of a spike's window. */
    static boolean[] segmentsNear(List<Spike> spikes, int segments) {
        boolean[] needed = new boolean[segments];
        for (Spike spike : spikes) {
            int first = Math.max(0, (spike.position() - MARGIN) / Background.SEGMENT);
            int last = Math.min(segments - 1, (spike.position() + MARGIN + Waveforms.LENGTH) / Background.SEGMENT);
            for (int s = first; s <= last; s++) {
                needed[s] = true;
            }
        }
        return needed;
    }

    /**
     * The events the frame needs on top of {@code background} (its decoded samples, events left out; only the
     * segments of {@link #segmentsNear} are read).
     */
    List<SpikeEvent> plan(Frame frame, List<Spike> spikes, double[] background) {
        double[] y = Arrays.copyOf(background, frame.count());
        List<SpikeEvent> events = new ArrayList<>();
        for (Spike spike : spikes) {
            int from = Math.max(0, spike.position() - MARGIN);
            int to = Math.min(frame.count(), spike.position() + MARGIN + Waveforms.LENGTH);
            if (to - from <= filters.spikeBand().padLength()) {
                continue;
            }
            double[] banded = filters.spikeBand().filtfilt(Arrays.copyOfRange(y, from, to));
            if (crossesAt(banded, from, spike.position(), frame.threshold(), null, 0)) {
                continue;
            }
            SpikeEvent event = eventFor(frame, spike, y, banded, from);
            if (event != null) {
                event.addTo(y, frame.count(), waveforms);
                events.add(event);
            }
        }
        return events;
    }

    private SpikeEvent eventFor(Frame frame, Spike spike, double[] y, double[] banded, int from) {
        double[] residual = new double[Waveforms.LENGTH];
        for (int j = 0; j < Waveforms.LENGTH; j++) {
            int i = spike.position() - Waveforms.BEFORE + j;
            residual[j] = i >= 0 && i < frame.count() ? frame.x()[i] - y[i] : 0;
        }
        int best = spike.candidates()[0];
        double bestFit = 0;
        for (int shape : spike.candidates()) {
            double fit = waveforms.fit(residual, shape);
            if (Math.abs(fit) > Math.abs(bestFit)) {
                bestFit = fit;
                best = shape;
            }
        }
        int gain = SpikeEvent.gainOf(bestFit == 0 ? 1 : bestFit);
        for (int step = 0; step < MAX_GAIN_STEPS; step++) {
            int magnitude = Math.min(SpikeEvent.MAX_GAIN, Math.abs(gain) + step);
            SpikeEvent candidate = new SpikeEvent(spike.position(), best, gain < 0 ? -magnitude : magnitude);
            if (crossesAt(banded, from, spike.position(), frame.threshold(), candidate, best)) {
                return candidate;
            }
        }
        return null;
    }

    /**
     * Whether the band-passed window (starting at frame sample {@code from}), plus the band-passed waveform of
     * {@code event} if any, crosses the threshold with its margin within the metric's tolerance of {@code position}.
     */
    private boolean crossesAt(double[] banded, int from, int position, double threshold, SpikeEvent event,
            int shape) {
        double[] x = banded;
        if (event != null) {
            x = banded.clone();
            double a = event.amplitude();
            double[] response = bandedShapes[shape];
            // response[MARGIN] is the shape's first sample, which sits at position - BEFORE.
            int offset = event.position() - Waveforms.BEFORE - MARGIN - from;
            for (int i = Math.max(0, -offset); i < response.length && i + offset < x.length; i++) {
                x[i + offset] += a * response[i];
            }
        }
        for (int c : SpikeFidelity.crossings(x, MARGIN_FACTOR * threshold, filters.refractory())) {
            if (Math.abs(c + from - position) <= filters.tolerance()) {
                return true;
            }
        }
        return false;
    }
}
