package org.neurocompress.codec.hybrid;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.neurocompress.metrics.SpikeFidelity;

/**
 * The encoder's choice of spike events. It finds the frame's spikes as the spike-fidelity metric does (band-pass,
 * threshold from the frame's own noise level, downward crossings), then, once the background is coded, compares the
 * decoded signal's band-passed troughs with the original's and gives an event to every trough the decoded signal gets
 * wrong: the waveform of the codebook that best fits what the background misses there, at the gain nearest that fit
 * which puts the decoded trough where it belongs. A spike the background keeps costs nothing.
 *
 * <p>The metric's threshold comes from the whole recording, which the encoder of one frame does not see. In a long
 * frame the frame's own threshold is close to it: a trough that crosses the frame's threshold must cross it by
 * {@link #DECIDED_MARGIN} more in the decoded signal. In a short one the two may differ by a fifth either way
 * ({@link #DOUBT_AT_4096}): a trough inside that zone of doubt could count as a spike or not, so the decoded trough
 * must come within {@link #CLOSE} of the original's depth, neither shallower (a missed spike at some threshold) nor
 * deeper (a false one), and cross near where the original does; a trough past the zone must be past it in the
 * decoded signal too. Where the background itself carries the spike band (the shortest frames), the decoded signal's
 * own troughs inside the zone are checked the same way (false spikes).
 */
final class EventPlanner {
    /** How many of the ranked shapes the exact fit tries. */
    static final int CANDIDATES = 8;
    /** The noise level is the median of every 4th band-passed sample: an estimate either way, at a quarter of the cost. */
    private static final int THRESHOLD_STRIDE = 4;
    /**
     * How far the metric's threshold (the whole recording's) may be from a frame's own estimate, as a fraction, for a
     * frame of 4096 samples: on the {@code dev/} recordings it was 0.77 to 1.22 times the estimate at 4096 samples,
     * 0.86 to 1.16 at 8192 and 0.97 to 1.08 at 65 536; the doubt shrinks as the square root of the frame's length.
     */
    static final double DOUBT_AT_4096 = 0.25;
    private static final double MAX_DOUBT = 0.3;
    /**
     * Below this doubt (frames of more than about 25 000 samples) the frame's threshold decides, with a margin of
     * DECIDED_MARGIN: a trough that crosses it must cross it by that much more in the decoded signal. Matching every
     * trough in a narrow zone instead cost more events (and 0.1 dB of SNR at 100x-400x on dev/) for no fewer errors.
     */
    static final double MIN_DOUBT = 0.1;
    static final double DECIDED_MARGIN = 0.1;
    /**
     * From this doubt up (frames of at most about 6 400 samples: 10x) the background keeps enough of the spike band for
     * troughs of its own to reach the zone, and the whole frame is checked for them. On dev/, checking the frames of
     * 25x and 50x too found no fewer errors (35 against 32, 55 against 58) for a tenth to a fifth of their encoding time.
     */
    static final double SCAN_DOUBT = 0.2;
    /** Inside a zone of doubt, how close, in frame thresholds, a decoded trough must come to the original's depth. */
    static final double CLOSE = 0.01;
    /** Gain indices tried each side of a shape's least-squares gain. */
    private static final int GAIN_STEPS = 6;
    /** Band-pass filtering around one spike needs this much signal each side to settle (the 300 Hz edge: ~5 ms). */
    static final int MARGIN = 128;
    /** The samples band-passed around one spike when the frame is not band-passed whole. */
    static final int WINDOW = 2 * MARGIN + Waveforms.LENGTH;
    /**
     * Around a trough whose neighbourhood has at most this many non-zero coefficients (the long frames of 100x-400x),
     * the decoded signal is summed from them; with more, decoding its segments and band-passing a window costs less.
     */
    static final int MAX_SUMMED = 128;
    private static final int[] ALL_SHAPES = java.util.stream.IntStream.range(0, Waveforms.COUNT).toArray();

    private final SpikeFidelity.Filters filters;
    private final Waveforms waveforms;
    private final Background background = new Background();
    private final int tolerance;
    /** Scratch for NearTroughs: all zeros between plans. */
    private double[] eventSamples = new double[0];
    private double[] eventBands = new double[0];
    /** Scratch for NearTroughs' whole decoded segments: which hold data its own flags say. */
    private double[] segmentSamples = new double[0];
    /** Each shape band-passed, at offset MARGIN of a 2 x MARGIN + LENGTH window: filtering is linear. */
    private final double[][] bandedShapes;
    /** The first DCT bin of a segment at or above the spike band's lower edge (300 Hz). */
    private final int spikeBandBin;

    EventPlanner(SpikeFidelity.Filters filters, Waveforms waveforms) {
        this.filters = filters;
        this.waveforms = waveforms;
        this.tolerance = filters.tolerance();
        bandedShapes = new double[Waveforms.COUNT][];
        for (int k = 0; k < Waveforms.COUNT; k++) {
            double[] padded = new double[2 * MARGIN + Waveforms.LENGTH];
            float[] shape = waveforms.shape(k);
            for (int j = 0; j < Waveforms.LENGTH; j++) {
                padded[MARGIN + j] = shape[j];
            }
            bandedShapes[k] = filters.spikeBand().filtfilt(padded);
        }
        // DCT-II bin k of a segment of N samples is centred at k x rate / (2N).
        spikeBandBin = (int) Math.floor(300 * 2.0 * Background.SEGMENT / filters.sampleRate());
    }

    /** A spike of the frame and the shapes most like it, best first. */
    record Spike(int position, int[] candidates) {
    }

    /**
     * What the planner needs of a frame: its samples, band-passed signal, threshold, how far the metric's threshold
     * may be from it (a fraction), and the troughs that reach the zone of doubt.
     */
    record Frame(double[] x, int count, double[] banded, double threshold, double doubt, double close,
            int[] crossings) {
        /** Troughs shallower than this count as a spike at no threshold the metric may use. */
        double never() {
            return (1 - doubt) * threshold;
        }

        /** Troughs deeper than this count as a spike at every threshold the metric may use. */
        double sure() {
            return (1 + doubt) * threshold;
        }
    }

    /**
     * Band-passes the frame into {@code banded} ({@code count} long, any content) and finds its troughs to watch;
     * null if it is too short to filter.
     */
    Frame analyse(double[] x, int count, double[] banded) {
        if (count <= 3 * filters.spikeBand().padLength() + Waveforms.LENGTH) {
            return null;
        }
        filters.spikeBand().filtfilt(x, count, banded);
        double threshold = SpikeFidelity.threshold(banded, 0, count, THRESHOLD_STRIDE);
        double doubt = Math.min(MAX_DOUBT, DOUBT_AT_4096 * Math.sqrt(4096.0 / count));
        double close = CLOSE;
        if (doubt < MIN_DOUBT) {
            doubt = 0;
            close = DECIDED_MARGIN;
        }
        int[] troughs = SpikeFidelity.crossings(banded, (1 - doubt) * threshold, filters.refractory());
        for (int k = 0; k < troughs.length; k++) {
            troughs[k] = aligned(banded, count, troughs[k], threshold);
        }
        return new Frame(x, count, banded, threshold, doubt, close, troughs);
    }

    /**
     * Where a trough that enters the zone of doubt at {@code crossing} crosses the frame's threshold, or, if it stays above it,
     * 95% of its depth: the codebook's waveforms cross at their sample BEFORE, and events and ranking windows are
     * placed by that sample.
     */
    private int aligned(double[] banded, int count, int crossing, double threshold) {
        int end = Math.min(count, crossing + 2 * tolerance + 1);
        double min = 0;
        for (int i = crossing; i < end; i++) {
            min = Math.min(min, banded[i]);
        }
        double level = Math.min(threshold, -0.95 * min);
        for (int i = crossing; i < end; i++) {
            if (banded[i] < -level) {
                return i;
            }
        }
        return crossing;
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

    /**
     * Whether {@link #plan} must see the whole frame, given the background's quantised values {@code q} (segments of
     * DCT coefficients): when the frame's threshold is in doubt and the background carries the spike band, the decoded
     * signal can have troughs the original lacks anywhere.
     */
    boolean wholeFrame(Frame frame, List<Spike> spikes, int[][] q) {
        // Band-passing the whole frame once also costs less than a window around every spike of a busy one.
        return frame.doubt() >= SCAN_DOUBT && (carriesSpikeBand(q)
                || (long) spikes.size() * WINDOW > (long) q.length * Background.SEGMENT);
    }

    private boolean carriesSpikeBand(int[][] q) {
        for (int[] segment : q) {
            for (int k = spikeBandBin; k < segment.length; k++) {
                if (segment[k] != 0) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The events the frame needs on top of its background, the quantised values {@code q} at step index {@code step}
     * (events left out). With {@code wholeFrame} the whole frame is decoded and band-passed, and the decoded signal's
     * own troughs are checked too; otherwise the decoded signal is read around the frame's troughs only.
     */
    List<SpikeEvent> plan(Frame frame, List<Spike> spikes, int[][] q, int step, boolean wholeFrame) {
        Decoded decoded = wholeFrame ? new WholeFrame(frame, background.reconstruct(q, step))
                : new NearTroughs(frame, q, step);
        // By priority: a spike past the zone of doubt that the decoded signal misses is a sure error; one inside it,
        // or a false trough, only at some of the thresholds the metric may use. A frame whose events do not all fit
        // its budget loses them from the end of this list.
        List<SpikeEvent> sure = new ArrayList<>();
        List<SpikeEvent> doubtful = new ArrayList<>();
        for (Spike spike : spikes) {
            Banded banded = decoded.banded(spike.position());
            if (banded == null) {
                continue;
            }
            Trough trough = new Trough(frame, banded, spike.position(), true);
            SpikeEvent event = correct(frame, decoded, trough, spike.position(), spike.candidates());
            if (event != null) {
                decoded.apply(event);
                (trough.sure() ? sure : doubtful).add(event);
            }
        }
        if (decoded instanceof WholeFrame whole) {
            int[] originals = frame.crossings();
            for (int t : SpikeFidelity.crossings(whole.banded, frame.never(), filters.refractory())) {
                int i = Arrays.binarySearch(originals, t);
                int after = i >= 0 ? i : -i - 1;
                boolean known = (after < originals.length && originals[after] - t <= tolerance)
                        || (after > 0 && t - originals[after - 1] <= tolerance);
                if (!known) {
                    Trough trough = new Trough(frame, new Banded(whole.banded, 0), t, false);
                    SpikeEvent event = correct(frame, decoded, trough, t, ALL_SHAPES);
                    if (event != null) {
                        decoded.apply(event);
                        doubtful.add(event);
                    }
                }
            }
        }
        decoded.finish();
        sure.addAll(doubtful);
        return sure;
    }

    /** A band-passed stretch of the decoded signal: {@code values[i - from]} is frame sample i. */
    private record Banded(double[] values, int from) {
    }

    /** The decoded signal as the planner reads it, the events planned so far included. */
    private interface Decoded {
        /** The band-passed decoded signal around a trough at {@code position}; null if too short to filter. */
        Banded banded(int position);

        /** Decoded sample i. */
        double sample(int i);

        void apply(SpikeEvent event);

        /** Called once the plan is done. */
        default void finish() {
        }
    }

    /** The whole frame decoded and band-passed at once. */
    private final class WholeFrame implements Decoded {
        private final int n;
        private final double[] y;
        private final double[] banded;

        WholeFrame(Frame frame, double[] background) {
            n = frame.count();
            y = Arrays.copyOf(background, n);
            banded = filters.spikeBand().filtfilt(y);
        }

        @Override
        public Banded banded(int position) {
            return new Banded(banded, 0);
        }

        @Override
        public double sample(int i) {
            return y[i];
        }

        @Override
        public void apply(SpikeEvent event) {
            event.addTo(y, n, waveforms);
            addResponse(event, banded, n);
        }
    }

    /**
     * The decoded signal around the troughs only: summed from the non-zero coefficients (CoefficientSynthesis) where
     * that is cheap and the frame's ends are out of the band-pass's reach; elsewhere the segments around the trough
     * decoded and a window of MARGIN samples each side of it band-passed.
     */
    private final class NearTroughs implements Decoded {
        private final int n;
        private final int[][] q;
        private final int step;
        private final CoefficientSynthesis synthesis;
        /**
         * The events' samples, and their band-passed responses, added so far: the planner's scratch arrays, cleared
         * where the events touched them when the plan is done.
         */
        private final double[] events;
        private final double[] bandedEvents;
        private final List<SpikeEvent> applied = new ArrayList<>();
        /** Segments decoded whole, as {@code segmentDecoded} says. */
        private double[] decodedSegments;
        private final boolean[] segmentDecoded;
        /** A trough's comparison reads samples [position - reach, position + reach + tolerance). */
        private final int reach;

        NearTroughs(Frame frame, int[][] q, int step) {
            this.n = frame.count();
            this.q = q;
            this.step = step;
            synthesis = new CoefficientSynthesis(filters.spikeBand(), filters.sampleRate(), q, step);
            if (eventSamples.length < n) {
                eventSamples = new double[n];
                eventBands = new double[n];
            }
            events = eventSamples;
            bandedEvents = eventBands;
            segmentDecoded = new boolean[q.length];
            reach = 2 * tolerance + 2;
        }

        @Override
        public Banded banded(int position) {
            int from = position - reach;
            int to = position + reach + tolerance;
            if (from - synthesis.tail() >= 0 && to + synthesis.tail() <= n
                    && synthesis.nonZero(from, to) <= MAX_SUMMED) {
                double[] values = Arrays.copyOfRange(bandedEvents, from, to);
                synthesis.addBanded(from, to, values);
                return new Banded(values, from);
            }
            from = Math.max(0, position - MARGIN);
            to = Math.min(n, position + MARGIN + Waveforms.LENGTH);
            if (to - from <= filters.spikeBand().padLength()) {
                return null;
            }
            if (decodedSegments == null) {
                if (segmentSamples.length < q.length * Background.SEGMENT) {
                    segmentSamples = new double[q.length * Background.SEGMENT];
                }
                decodedSegments = segmentSamples;
            }
            for (int s = from / Background.SEGMENT; s <= (to - 1) / Background.SEGMENT; s++) {
                if (!segmentDecoded[s]) {
                    background.reconstruct(q, step, s, decodedSegments);
                    segmentDecoded[s] = true;
                }
            }
            double[] window = new double[to - from];
            for (int i = from; i < to; i++) {
                window[i - from] = decodedSegments[i] + events[i];
            }
            return new Banded(filters.spikeBand().filtfilt(window), from);
        }

        @Override
        public double sample(int i) {
            int s = i / Background.SEGMENT;
            return (segmentDecoded[s] ? decodedSegments[i] : synthesis.sample(i)) + events[i];
        }

        @Override
        public void apply(SpikeEvent event) {
            event.addTo(events, n, waveforms);
            addResponse(event, bandedEvents, n);
            applied.add(event);
        }

        @Override
        public void finish() {
            for (SpikeEvent event : applied) {
                int start = event.position() - Waveforms.BEFORE;
                Arrays.fill(events, Math.max(0, start), Math.min(n, start + Waveforms.LENGTH), 0);
                int offset = start - MARGIN;
                Arrays.fill(bandedEvents, Math.max(0, offset), Math.min(n, offset + WINDOW), 0);
            }
        }
    }

    /** Adds the event's band-passed response to {@code banded} (the frame's first n samples). */
    private void addResponse(SpikeEvent event, double[] banded, int n) {
        double a = event.amplitude();
        double[] response = bandedShapes[event.shape()];
        int offset = event.position() - Waveforms.BEFORE - MARGIN;
        for (int i = Math.max(0, -offset); i < response.length && i + offset < n; i++) {
            banded[i + offset] += a * response[i];
        }
    }

    /**
     * The event that puts the decoded trough at {@code position} where the original's is, or null when there is
     * nothing to correct or no shape and gain within reach does better than none.
     */
    private SpikeEvent correct(Frame frame, Decoded decoded, Trough trough, int position, int[] shapes) {
        double without = trough.violation(0, null, 0);
        if (without == 0) {
            return null;
        }
        double[] residual = new double[Waveforms.LENGTH];
        for (int j = 0; j < Waveforms.LENGTH; j++) {
            int i = position - Waveforms.BEFORE + j;
            residual[j] = i >= 0 && i < frame.count() ? frame.x()[i] - decoded.sample(i) : 0;
        }
        // Best-fitting shapes first: of two that place the trough equally near their fits, the better fit wins.
        double[] fits = new double[shapes.length];
        Integer[] order = new Integer[shapes.length];
        for (int k = 0; k < shapes.length; k++) {
            fits[k] = waveforms.fit(residual, shapes[k]);
            order[k] = k;
        }
        Arrays.sort(order, (u, v) -> Double.compare(Math.abs(fits[v]), Math.abs(fits[u])));
        SpikeEvent best = null;
        double bestViolation = without;
        int bestDistance = Integer.MAX_VALUE;
        for (int k : order) {
            int shape = shapes[k];
            double fit = fits[k];
            if (fit == 0) {
                continue;
            }
            int fitted = Math.abs(SpikeEvent.gainOf(fit));
            int sign = fit < 0 ? -1 : 1;
            // Nearest the fit first: of the gains that place the trough, the one that fits the residual best.
            for (int d = 0; d <= 2 * GAIN_STEPS; d++) {
                int distance = (d + 1) / 2;
                int magnitude = fitted + (d % 2 == 1 ? distance : -distance);
                if (magnitude < 1 || magnitude > SpikeEvent.MAX_GAIN || distance >= bestDistance
                        && bestViolation == 0) {
                    continue;
                }
                SpikeEvent candidate = new SpikeEvent(position, shape, sign * magnitude);
                double violation = trough.violation(candidate.amplitude(), bandedShapes[shape],
                        position - Waveforms.BEFORE - MARGIN);
                if (violation < bestViolation || violation == 0 && bestViolation == 0 && distance < bestDistance) {
                    best = candidate;
                    bestViolation = violation;
                    bestDistance = violation == 0 ? distance : Integer.MAX_VALUE;
                }
            }
        }
        return best;
    }

    /** The comparison of one trough, decoded against original, optionally with a candidate event added. */
    private final class Trough {
        private final double[] bx;
        private final Banded by;
        private final int lo;
        private final int hi;
        private final double depth;
        private final double close;
        private final boolean original;
        /** The depths the decoded trough may have: [least, most]. */
        private final double least;
        private final double most;

        Trough(Frame frame, Banded decoded, int position, boolean original) {
            this.bx = frame.banded();
            this.by = decoded;
            this.original = original;
            int end = decoded.from() + decoded.values().length;
            lo = Math.max(Math.max(1, decoded.from() + 1), position - tolerance);
            hi = Math.min(Math.min(frame.count(), end), position + 2 * tolerance + 1);
            double min = 0;
            for (int i = lo; i < hi; i++) {
                min = Math.min(min, bx[i]);
            }
            depth = -min;
            double t = frame.threshold();
            close = frame.close() * t;
            double sure = frame.sure();
            double never = frame.never();
            // Past the zone of doubt, the decoded trough must be past it too; inside, as deep as the original's.
            if (depth >= sure) {
                least = sure + close;
                most = Double.POSITIVE_INFINITY;
            } else if (depth <= never) {
                least = 0;
                most = never - close;
            } else {
                least = depth - close;
                most = depth + close;
            }
        }

        /** Whether the original trough is past the zone of doubt: a spike at every threshold the metric may use. */
        boolean sure() {
            return original && most == Double.POSITIVE_INFINITY;
        }

        /** The decoded band-passed sample i with {@code a} times {@code response} (starting at sample start) added. */
        private double decoded(int i, double a, double[] response, int start) {
            double v = by.values()[i - by.from()];
            int j = i - start;
            return response != null && j >= 0 && j < response.length ? v + a * response[j] : v;
        }

        /**
         * How far, in signal units, the decoded trough's depth is outside [least, most], plus, for the original's
         * troughs, the close margin if the decoded signal crosses the least depth farther than the metric's tolerance
         * from where the original does. 0 when acceptable.
         */
        double violation(double a, double[] response, int start) {
            if (hi - lo < 2) {
                return 0;
            }
            double min = 0;
            for (int i = lo; i < hi; i++) {
                min = Math.min(min, decoded(i, a, response, start));
            }
            double decodedDepth = -min;
            double violation = Math.max(0, decodedDepth - most) + Math.max(0, least - decodedDepth);
            if (original && least > 0 && violation == 0 && !crossesNear(least, a, response, start)) {
                violation += close;
            }
            return violation;
        }

        /** Whether the decoded signal crosses -level downwards within the tolerance of the original's crossing. */
        private boolean crossesNear(double level, double a, double[] response, int start) {
            int at = -1;
            for (int i = lo; i < hi; i++) {
                if (bx[i] < -level) {
                    at = i;
                    break;
                }
            }
            if (at < 0) {
                return true;
            }
            int from = Math.max(by.from() + 1, at - tolerance);
            int to = Math.min(by.from() + by.values().length, at + tolerance + 1);
            for (int i = from; i < to; i++) {
                if (decoded(i, a, response, start) < -level && decoded(i - 1, a, response, start) >= -level) {
                    return true;
                }
            }
            return false;
        }
    }
}
