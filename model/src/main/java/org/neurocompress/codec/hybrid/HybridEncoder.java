package org.neurocompress.codec.hybrid;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.neurocompress.entropy.RangeEncoder;
import org.neurocompress.metrics.SpikeFidelity;

/**
 * Encodes frames of the hybrid codec (docs/codecs.md): the spikes of every frame of a batch are ranked against the
 * waveform codebook in one call of the model, then each frame's background is coded at the finest step whose
 * payload, spike events included, fits the frame's byte budget; the bytes left at that step are spent by lowering
 * the rate-distortion multiplier. Not thread-safe.
 */
final class HybridEncoder {
    /** Background and events depend on each other: the events fit what the background leaves, at its cost. */
    private static final int PASSES = 3;
    private static final int FILL_ITERATIONS = 4;
    private static final double MIN_LAMBDA_SCALE = 0.25;

    private final HybridModel model;
    private final Background background = new Background();
    private final EventPlanner planner;

    HybridEncoder(HybridModel model, SpikeFidelity.Filters filters) {
        this.model = model;
        this.planner = new EventPlanner(filters, model.waveforms());
    }

    /** One run of samples ready to code: padded to whole segments, transformed, its spikes found. */
    private record Prepared(int count, double[][] coefficients, EventPlanner.Frame frame) {
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
        List<Coded> out = new ArrayList<>(runs.size());
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
        }
        return out;
    }

    private Prepared prepare(short[] run) {
        int count = run.length;
        int segments = (count + Background.SEGMENT - 1) / Background.SEGMENT;
        double[] x = new double[segments * Background.SEGMENT];
        for (int i = 0; i < x.length; i++) {
            // The last segment is padded by repeating the last sample: no edge for the transform to spend bits on.
            x[i] = run[Math.min(i, count - 1)];
        }
        return new Prepared(count, background.transform(x), planner.analyse(x, count));
    }

    private Coded encodeFrame(Prepared p, List<EventPlanner.Spike> spikes, int level, int budget) {
        int[] coefficientPriors = model.coefficientPriors(level);
        int[] eventPriors = model.eventPriors(level);
        int[][] q = new int[p.coefficients().length][Background.SEGMENT];
        List<SpikeEvent> events = List.of();
        int step = Background.MAX_STEP_INDEX;
        for (int pass = 0; pass < PASSES; pass++) {
            int backgroundBudget = budget - 1 - eventBytes(events, eventPriors);
            step = finestStep(p.coefficients(), backgroundBudget, coefficientPriors, q);
            if (p.frame() == null || spikes.isEmpty()) {
                break;
            }
            write(p.coefficients(), step, List.of(), coefficientPriors, eventPriors, 1, q);
            List<SpikeEvent> planned = planner.plan(p.frame(), spikes,
                    background.reconstruct(q, step));
            if (planned.equals(events)) {
                break;
            }
            events = planned;
        }
        byte[] payload = write(p.coefficients(), step, events, coefficientPriors, eventPriors, 1, q);
        while (payload.length > budget && step < Background.MAX_STEP_INDEX) {
            payload = write(p.coefficients(), ++step, events, coefficientPriors, eventPriors, 1, q);
        }
        while (payload.length > budget && !events.isEmpty()) {
            events = events.subList(0, events.size() - 1);
            payload = write(p.coefficients(), step, events, coefficientPriors, eventPriors, 1, q);
        }
        double scale = 1;
        double lo = MIN_LAMBDA_SCALE;
        double hi = 1;
        for (int i = 0; i < FILL_ITERATIONS && payload.length < budget; i++) {
            double mid = (lo + hi) / 2;
            byte[] candidate = write(p.coefficients(), step, events, coefficientPriors, eventPriors, mid, q);
            if (candidate.length <= budget) {
                payload = candidate;
                scale = mid;
                hi = mid;
            } else {
                lo = mid;
            }
        }
        if (p.frame() != null && !spikes.isEmpty()) {
            // The bytes spent at the end change the background: its spikes are checked once more against it.
            write(p.coefficients(), step, List.of(), coefficientPriors, eventPriors, scale, q);
            List<SpikeEvent> planned = planner.plan(p.frame(), spikes, background.reconstruct(q, step));
            if (!planned.equals(events)) {
                byte[] candidate = write(p.coefficients(), step, planned, coefficientPriors, eventPriors, scale, q);
                if (candidate.length <= budget) {
                    events = planned;
                    payload = candidate;
                }
            }
        }
        return finish(p, step, events, coefficientPriors, eventPriors, scale, q, payload);
    }

    /** The final payload, with the coders' end states for training. */
    private Coded finish(Prepared p, int step, List<SpikeEvent> events, int[] coefficientPriors, int[] eventPriors,
            double scale, int[][] q, byte[] payload) {
        if (!reportStates) {
            return new Coded(payload, null, null);
        }
        RangeEncoder rc = new RangeEncoder();
        EventCoder eventCoder = new EventCoder(eventPriors);
        eventCoder.encode(rc, events);
        int[] states = background.writeAndReport(rc, p.coefficients(), step, coefficientPriors, q);
        return new Coded(payload, states, eventCoder.states());
    }

    /** Training sets this: encodings then report their coders' final states. */
    boolean reportStates;

    /** The smallest step index whose background alone fits {@code budget} bytes (the largest if none does). */
    private int finestStep(double[][] c, int budget, int[] priors, int[][] q) {
        int lo = 0;
        int hi = Background.MAX_STEP_INDEX;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            RangeEncoder rc = new RangeEncoder();
            background.write(rc, c, mid, priors, 1, q);
            if (rc.finish().length <= budget) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
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
    private byte[] write(double[][] c, int step, List<SpikeEvent> events, int[] coefficientPriors, int[] eventPriors,
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
