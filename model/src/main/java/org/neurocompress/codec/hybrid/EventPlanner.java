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
    private static final int MAX_GAIN_STEPS = 6;
    /**
     * A decoded spike must cross this much more than the frame's threshold: the metric's threshold comes from the
     * whole recording, which differs from one frame's estimate by about 5% either way.
     */
    static final double MARGIN_FACTOR = 1.1;
    /** Band-pass filtering around one spike needs this much signal each side to settle. */
    private static final int MARGIN = 300;

    private final SpikeFidelity.Filters filters;
    private final Waveforms waveforms;

    EventPlanner(SpikeFidelity.Filters filters, Waveforms waveforms) {
        this.filters = filters;
        this.waveforms = waveforms;
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
        double threshold = SpikeFidelity.threshold(banded, 0, count);
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

    /** The events the frame needs on top of {@code background} (its decoded samples, events left out). */
    List<SpikeEvent> plan(Frame frame, List<Spike> spikes, double[] background) {
        int count = frame.count();
        double[] y = Arrays.copyOf(background, count);
        int[] decoded = SpikeFidelity.crossings(filters.spikeBand().filtfilt(y), MARGIN_FACTOR * frame.threshold(),
                filters.refractory());
        boolean[] used = new boolean[decoded.length];
        List<SpikeEvent> events = new ArrayList<>();
        for (Spike spike : spikes) {
            if (reproduced(spike.position(), decoded, used)) {
                continue;
            }
            SpikeEvent event = eventFor(frame, spike, y);
            if (event != null) {
                event.addTo(y, count, waveforms);
                events.add(event);
            }
        }
        return events;
    }

    private boolean reproduced(int position, int[] decoded, boolean[] used) {
        for (int k = 0; k < decoded.length; k++) {
            if (!used[k] && Math.abs(decoded[k] - position) <= filters.tolerance()) {
                used[k] = true;
                return true;
            }
        }
        return false;
    }

    private SpikeEvent eventFor(Frame frame, Spike spike, double[] y) {
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
            if (detected(frame, candidate, y)) {
                return candidate;
            }
        }
        return null;
    }

    /** Whether the decoded signal with {@code event} added crosses the threshold where the spike is. */
    private boolean detected(Frame frame, SpikeEvent event, double[] y) {
        int from = Math.max(0, event.position() - MARGIN);
        int to = Math.min(frame.count(), event.position() + MARGIN);
        double[] local = Arrays.copyOfRange(y, from, to);
        if (local.length <= filters.spikeBand().padLength()) {
            return false;
        }
        new SpikeEvent(event.position() - from, event.shape(), event.gain()).addTo(local, local.length, waveforms);
        for (int c : SpikeFidelity.crossings(filters.spikeBand().filtfilt(local), MARGIN_FACTOR * frame.threshold(),
                filters.refractory())) {
            if (Math.abs(c + from - event.position()) <= filters.tolerance()) {
                return true;
            }
        }
        return false;
    }
}
