package org.neurocompress.codec.hybrid;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.neurocompress.entropy.RangeEncoder;
import org.neurocompress.metrics.SpikeFidelity;

/**
 * Encodes frames of the hybrid codec (docs/codecs.md): the spikes of every frame of a batch are ranked against the
 * waveform codebook in one call of the model, then each frame's background is coded at the finest step whose
 * payload, spike events included, fits the frame's byte budget; the bytes left at that step are spent by lowering
 * the rate-distortion multiplier. Not thread-safe.
 */
final class HybridEncoder {
    /**
     * How many step indices too coarse the proxy's guess is at each level (it charges every coefficient above half a
     * step at least 3 bits; at low rates the coder's contexts and RDO spend far less on them): the median offset on
     * the `dev/` recordings, a little less where generated electrodes differ. Only where the search starts depends on
     * it, not what it finds: a guess on the answer saves a full estimate a frame.
     */
    private static final int[] GUESS_BIAS = {0, 2, 2, 3, 3, 3};
    /** The multipliers of lambda that spend the bytes left at a step: a grid of this many steps up to 1. */
    private static final int FILL_LEVELS = 8;
    /** What the range coder's flush and the estimate's rounding may add: kept free when aiming at a budget. */
    private static final int TAIL_BITS = 16;
    private static final double MIN_LAMBDA_SCALE = 0.25;
    /**
     * A candidate stops once its bits so far and 98% of what the rest of a coarser full estimate took pass its limit:
     * segment by segment a finer candidate costs more in all but a few frames, and there by at most a percent or so
     * (the contexts adapt differently); with the margin the payloads stayed as they were on every frame tried.
     */
    private static final double REST_MARGIN = 0.98;
    /**
     * Frames are prepared (transformed, band-passed: about 24 bytes a sample) and ranked a group of about this many
     * samples at a time, not a whole batch at once: a batch of 64 frames at level 5 held 96 MB alive through its
     * coding, which the garbage collector copied again and again. Ranking is the same in any grouping (the codec
     * contract: a batch encodes as its frames one at a time).
     */
    static final int GROUP_SAMPLES = 1 << 18;

    private final HybridModel model;
    private final Background background = new Background();
    private final Rows rows = new Rows();
    private final EventPlanner planner;

    HybridEncoder(HybridModel model, SpikeFidelity.Filters filters) {
        this.model = model;
        this.planner = new EventPlanner(filters, model.waveforms());
    }

    /** One run of samples ready to code: padded to whole segments, transformed, its spikes found. */
    /** A frame ready to code; {@code x} (the samples as doubles, padded to whole segments) is the encoder's row. */
    private record Prepared(int count, double[] x, Spectrum spectrum, EventPlanner.Frame frame) {
    }

    /** What the final coding of a frame leaves in its coders, for learning priors. */
    record Coded(byte[] payload, int[] coefficientStates, int[] eventStates) {
    }

    List<byte[]> encode(List<short[]> runs, int level, int[] budgets) {
        List<Coded> coded = encodeAll(runs, level, budgets);
        List<byte[]> out = new ArrayList<>(coded.size());
        coded.forEach(c -> out.add(c.payload()));
        return out;
    }

    List<Coded> encodeAll(List<short[]> runs, int level, int[] budgets) {
        List<Coded> out = new ArrayList<>(runs.size());
        int first = 0;
        while (first < runs.size()) {
            int end = first;
            long samples = 0;
            do {
                samples += runs.get(end).length;
                end++;
            } while (end < runs.size() && samples + runs.get(end).length <= GROUP_SAMPLES);
            encodeGroup(runs.subList(first, end), level, Arrays.copyOfRange(budgets, first, end), out);
            first = end;
        }
        return out;
    }

    /** One group of frames: prepared together, their spikes ranked in one call of the model, then coded. */
    private void encodeGroup(List<short[]> runs, int level, int[] budgets, List<Coded> out) {
        List<Prepared> prepared = new ArrayList<>(runs.size());
        List<double[]> windows = new ArrayList<>();
        for (short[] run : runs) {
            Prepared p = prepare(run);
            prepared.add(p);
            if (p.frame() != null) {
                for (int t : p.frame().crossings()) {
                    windows.add(EventPlanner.window(p.frame(), t));
                }
            }
        }
        int[][] ranked = windows.isEmpty() ? new int[0][] : model.ranker().rank(windows);
        int next = 0;
        for (int r = 0; r < prepared.size(); r++) {
            Prepared p = prepared.get(r);
            List<EventPlanner.Spike> spikes = new ArrayList<>();
            if (p.frame() != null) {
                for (int t : p.frame().crossings()) {
                    spikes.add(new EventPlanner.Spike(t, Arrays.copyOf(ranked[next], Math.min(ranked[next].length,
                            EventPlanner.CANDIDATES))));
                    next++;
                }
            }
            out.add(encodeFrame(p, spikes, level, budgets[r]));
            rows.release(p.spectrum().coefficients());
            rows.release(p.x());
            if (p.frame() != null) {
                rows.release(p.frame().banded());
            }
        }
    }

    private Prepared prepare(short[] run) {
        int count = run.length;
        int segments = (count + Background.SEGMENT - 1) / Background.SEGMENT;
        double[] x = rows.frame(segments * Background.SEGMENT);
        for (int i = 0; i < x.length; i++) {
            // The last segment is padded by repeating the last sample: no edge for the transform to spend bits on.
            x[i] = run[Math.min(i, count - 1)];
        }
        double[][] c = background.transform(x, rows.doubles(segments));
        double[] banded = rows.frame(count);
        EventPlanner.Frame frame = planner.analyse(x, count, banded);
        if (frame == null) {
            rows.release(banded);
        }
        return new Prepared(count, x, Spectrum.of(c), frame);
    }

    private Coded encodeFrame(Prepared p, List<EventPlanner.Spike> spikes, int level, int budget) {
        int[] coefficientPriors = model.coefficientPriors(level);
        int[] eventPriors = model.eventPriors(level);
        Spectrum c = p.spectrum();
        int[][] q = rows.ints(c.segments());
        Estimates estimates = new Estimates(c, coefficientPriors, q);
        boolean planning = p.frame() != null;
        List<SpikeEvent> events = List.of();
        Proxy proxy = Proxy.of(c.coefficients());
        int step = finestStep(estimates, proxy, bitsFor(budget), level);
        double scale = 1;
        if (planning) {
            // Events and background depend on each other: the events correct the background and take bytes from it.
            // Planned on the background that fits the whole budget, then, once the step and multiplier that fit what
            // they leave are found, planned again on that background. If what that plan needs does not fit there,
            // the step is made coarser for it and the events planned once more (three plans at most): events planned
            // on a finer background than the one sent fall short (spikes missed at the end of busy frames).
            estimates.code(step, 1);
            events = plan(p, spikes, q, step);
            int checkedStep = step;
            if (!events.isEmpty()) {
                step = finestStepFrom(estimates, step, bitsFor(budget - eventBytes(events, eventPriors)));
            }
            scale = lambdaScale(estimates, step, bitsFor(budget - eventBytes(events, eventPriors)));
            if (step != checkedStep || scale != 1) {
                // The background changed: its spikes are checked once more against it. (When it did not, the same
                // check of the same background would plan the same events.)
                estimates.code(step, scale);
                List<SpikeEvent> planned = plan(p, spikes, q, step);
                for (int pass = 0; pass < 2 && !planned.equals(events); pass++) {
                    events = planned;
                    double target = bitsFor(budget - eventBytes(events, eventPriors));
                    if (estimates.fits(step, scale, target)) {
                        break;
                    }
                    step = finestStepFrom(estimates, step, target);
                    scale = lambdaScale(estimates, step, target);
                    estimates.code(step, scale);
                    planned = plan(p, spikes, q, step);
                }
            }
        } else {
            scale = lambdaScale(estimates, step, bitsFor(budget));
        }
        byte[] payload = write(c, step, events, coefficientPriors, eventPriors, scale, q);
        // The estimate is within a few bytes: if the coded payload is over, coarser until it fits.
        while (payload.length > budget && (scale < 1 || step < Background.MAX_STEP_INDEX)) {
            if (scale < 1) {
                scale = Math.min(1, scale * 1.25);
            } else {
                step++;
            }
            payload = write(c, step, events, coefficientPriors, eventPriors, scale, q);
        }
        while (payload.length > budget && !events.isEmpty()) {
            // The least important events go first (the planner lists them last), as many as the excess could pay
            // for at about 24 bits each.
            int drop = Math.max(1, Math.min(events.size(), 8 * (payload.length - budget) / 24));
            events = events.subList(0, events.size() - drop);
            payload = write(c, step, events, coefficientPriors, eventPriors, scale, q);
        }
        Coded coded = finish(step, events, scale, payload, c, coefficientPriors, eventPriors, q);
        rows.release(q);
        return coded;
    }

    /** The events the frame needs on the background of {@code q} at {@code step}. */
    private List<SpikeEvent> plan(Prepared p, List<EventPlanner.Spike> spikes, int[][] q, int step) {
        boolean whole = planner.wholeFrame(p.frame(), spikes, q);
        if (!whole && spikes.isEmpty()) {
            return List.of();
        }
        return planner.plan(p.frame(), spikes, q, step, whole);
    }

    /**
     * A frame's estimated background bits by step and multiplier, each computed once. A candidate is only compared
     * with a limit, so its estimate stops as soon as it passes it; the values of every candidate that fitted are
     * kept, since the encoder goes on with one of them.
     */
    private final class Estimates {
        private final Spectrum c;
        private final int[] priors;
        private final int[][] q;
        private final Map<Long, Double> known = new HashMap<>();
        /** Estimates stopped early: at least this many bits. */
        private final Map<Long, Double> atLeast = new HashMap<>();
        private final Map<Long, int[][]> values = new HashMap<>();
        /** The full estimates, with their bits after each segment. */
        private final List<Full> full = new ArrayList<>();

        Estimates(Spectrum c, int[] priors, int[][] q) {
            this.c = c;
            this.priors = priors;
            this.q = q;
        }

        /** The whole estimate. */
        double bits(int step, double scale) {
            return bits(step, scale, Double.MAX_VALUE);
        }

        /** Whether the estimate at step and multiplier is within {@code limit} bits. */
        boolean fits(int step, double scale, double limit) {
            return bits(step, scale, limit) <= limit;
        }

        /** The estimate, or as soon as it passes {@code limit}, some figure above the limit. */
        private double bits(int step, double scale, double limit) {
            long key = key(step, scale);
            Double bits = known.get(key);
            if (bits != null) {
                return bits;
            }
            Double partial = atLeast.get(key);
            if (partial != null && partial > limit) {
                return partial;
            }
            double[] cumulative = new double[c.segments()];
            int[] ends = new int[c.segments()];
            double estimate = background.estimate(c, step, priors, scale, q, limit, rest(step, scale), cumulative,
                    ends);
            if (estimate > limit) {
                atLeast.put(key, estimate);
            } else {
                known.put(key, estimate);
                values.put(key, copy(q, ends));
                full.add(new Full(step, scale, cumulative));
            }
            return estimate;
        }

        /**
         * What the segments after each one took (times REST_MARGIN) in the full estimate with the most bits among
         * those at least as coarse in both step and multiplier, which cost no more segment by segment in all but a
         * few frames; null if there is none. A candidate whose bits so far plus that rest pass its limit will not
         * fit: it stops there.
         */
        private double[] rest(int step, double scale) {
            Full bound = null;
            for (Full f : full) {
                if (f.step() >= step && f.scale() >= scale && (bound == null || f.total() > bound.total())) {
                    bound = f;
                }
            }
            if (bound == null) {
                return null;
            }
            double[] rest = new double[c.segments()];
            for (int s = 0; s < rest.length; s++) {
                rest[s] = (bound.total() - bound.cumulative()[s]) * REST_MARGIN;
            }
            return rest;
        }

        /** Leaves in q the values of coding at step and multiplier. */
        void code(int step, double scale) {
            int[][] kept = values.get(key(step, scale));
            if (kept == null) {
                bits(step, scale);
                kept = values.get(key(step, scale));
            }
            for (int s = 0; s < q.length; s++) {
                System.arraycopy(kept[s], 0, q[s], 0, kept[s].length);
                Arrays.fill(q[s], kept[s].length, q[s].length, 0);
            }
        }

        private static long key(int step, double scale) {
            return (long) step << 32 | Float.floatToIntBits((float) scale);
        }

        /** The values up to each segment's last index: at high ratios a few dozen of its 1024. */
        private static int[][] copy(int[][] values, int[] ends) {
            int[][] copy = new int[values.length][];
            for (int s = 0; s < values.length; s++) {
                copy[s] = Arrays.copyOf(values[s], ends[s]);
            }
            return copy;
        }
    }

    /**
     * The smallest multiplier of lambda, on a grid of FILL_LEVELS steps from MIN_LAMBDA_SCALE up to 1, whose estimate
     * at {@code step} fits {@code target} bits (bits grow as lambda falls). The grid point just below 1 is tried
     * first: when the bytes left at the step do not pay for even that, one estimate settles it. When they do, the
     * answer is nearly always that point or the next (on dev/ at level 1, 95% and 5%; on generated electrodes 80% and
     * 20%; at levels 3-5 always the first), so the search walks down from it a point at a time twice, then with
     * doubling strides, until a point fails, then bisects: one failing estimate settles the common case and two the
     * next, where a bisection from the middle took three.
     */
    private static double lambdaScale(Estimates estimates, int step, double target) {
        if (!estimates.fits(step, gridScale(FILL_LEVELS - 1), target)) {
            return 1;
        }
        int fits = FILL_LEVELS - 1;
        // Grid point 0, MIN_LAMBDA_SCALE itself, is the bound and never used.
        int fails = 0;
        for (int tries = 0, stride = 1; fits > 1; tries++, stride = tries < 2 ? 1 : 2 * stride) {
            int candidate = Math.max(1, fits - stride);
            if (estimates.fits(step, gridScale(candidate), target)) {
                fits = candidate;
            } else {
                fails = candidate;
                break;
            }
        }
        while (fits - fails > 1) {
            int mid = (fits + fails) >>> 1;
            if (estimates.fits(step, gridScale(mid), target)) {
                fits = mid;
            } else {
                fails = mid;
            }
        }
        return gridScale(fits);
    }

    private static double gridScale(int point) {
        return MIN_LAMBDA_SCALE + (1 - MIN_LAMBDA_SCALE) * point / FILL_LEVELS;
    }

    /** A full estimate: bits spent after each segment, the last being the total. */
    private record Full(int step, double scale, double[] cumulative) {
        double total() {
            return cumulative[cumulative.length - 1];
        }
    }

    /** Bits the coefficients may take in a payload of {@code bytes}: less the step byte and the coder's tail. */
    private static double bitsFor(int bytes) {
        return 8.0 * (bytes - 1) - TAIL_BITS;
    }

    /** The final payload, with the coders' end states for training. */
    private Coded finish(int step, List<SpikeEvent> events, double scale, byte[] payload, Spectrum c,
            int[] coefficientPriors, int[] eventPriors, int[][] q) {
        if (!reportStates) {
            return new Coded(payload, null, null);
        }
        RangeEncoder rc = new RangeEncoder();
        EventCoder eventCoder = new EventCoder(eventPriors);
        eventCoder.encode(rc, events);
        int[] states = background.write(rc, c, step, coefficientPriors, scale, q).states();
        return new Coded(payload, states, eventCoder.states());
    }

    /** Training sets this: encodings then report their coders' final states. */
    boolean reportStates;

    /**
     * The finest step index whose estimated bits fit {@code limit}. The proxy's bit curve, scaled to the estimate at
     * its own guess, points at the answer; the search then walks with doubling strides until the fit changes and
     * bisects, so a good pointer costs two or three estimates.
     */
    private int finestStep(Estimates estimates, Proxy proxy, double limit, int level) {
        int guess = Math.max(0, proxy.step(limit) - GUESS_BIAS[level - 1]);
        double measured = estimates.bits(guess, 1);
        double predicted = proxy.bits(guess);
        return finestStepFrom(estimates, predicted > 0 ? proxy.step(limit * predicted / measured) : guess, limit);
    }

    /**
     * The same search from step index {@code s}: once a frame's step is found for one limit, the step for the limit
     * its events leave is at or next to it, and the estimates there are known already (a fresh guess from the proxy
     * took about one full estimate more a search, twice a frame).
     */
    private static int finestStepFrom(Estimates estimates, int s, double limit) {
        int fits;
        int fails;
        if (estimates.fits(s, 1, limit)) {
            fits = s;
            fails = -1;
            for (int stride = 1; fits > 0; stride *= 2) {
                int candidate = Math.max(0, fits - stride);
                if (estimates.fits(candidate, 1, limit)) {
                    fits = candidate;
                } else {
                    fails = candidate;
                    break;
                }
            }
        } else {
            fails = s;
            fits = Background.MAX_STEP_INDEX;
            for (int stride = 1; fails < Background.MAX_STEP_INDEX; stride *= 2) {
                int candidate = Math.min(Background.MAX_STEP_INDEX, fails + stride);
                if (estimates.fits(candidate, 1, limit)) {
                    fits = candidate;
                    break;
                }
                fails = candidate;
            }
        }
        while (fits - fails > 1) {
            int mid = (fits + fails) >>> 1;
            if (estimates.fits(mid, 1, limit)) {
                fits = mid;
            } else {
                fails = mid;
            }
        }
        return fits;
    }

    private static int eventBytes(List<SpikeEvent> events, int[] priors) {
        if (events.isEmpty()) {
            return 0;
        }
        RangeEncoder rc = new RangeEncoder();
        new EventCoder(priors).encode(rc, events);
        return rc.finish().length;
    }

    /** The payload: the step index, then events and coefficients in one range-coded stream. */
    private byte[] write(Spectrum c, int step, List<SpikeEvent> events, int[] coefficientPriors, int[] eventPriors,
            double lambdaScale, int[][] q) {
        RangeEncoder rc = new RangeEncoder();
        new EventCoder(eventPriors).encode(rc, events);
        background.write(rc, c, step, coefficientPriors, lambdaScale, q);
        byte[] coded = rc.finish();
        byte[] payload = new byte[coded.length + 1];
        payload[0] = (byte) step;
        System.arraycopy(coded, 0, payload, 1, coded.length);
        return payload;
    }
}
