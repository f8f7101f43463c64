package org.neurocompress.codec.hybrid;

/**
 * What the hybrid codec's encoder and decoder use of a trained model, as plain Java values: the spike waveforms, and
 * for each level the initial probability of every context of the coefficient and event coders (stored as float16
 * logits in the weights, turned into the same 16-bit probabilities on every machine with StrictMath).
 */
final class HybridModel {
    static final int LEVELS = HybridCodec.SPEC.levels().size();
    static final int PRIORS = CoefficientCoder.CONTEXTS + EventCoder.CONTEXTS;

    private final Waveforms waveforms;
    private final int[][] coefficientPriors;
    private final int[][] eventPriors;
    private final ShapeRanker ranker;

    /**
     * @param logits per level, {@link #PRIORS} logits of the probability of a zero: the coefficient coder's contexts
     *        then the event coder's
     */
    HybridModel(Waveforms waveforms, float[][] logits, ShapeRanker ranker) {
        if (logits.length != LEVELS) {
            throw new IllegalArgumentException("priors for " + LEVELS + " levels expected, got " + logits.length);
        }
        this.waveforms = waveforms;
        this.ranker = ranker;
        coefficientPriors = new int[LEVELS][];
        eventPriors = new int[LEVELS][];
        for (int l = 0; l < LEVELS; l++) {
            if (logits[l].length != PRIORS) {
                throw new IllegalArgumentException("level " + (l + 1) + " has " + logits[l].length + " priors, the "
                        + "coders need " + PRIORS);
            }
            int[] p = new int[PRIORS];
            for (int i = 0; i < PRIORS; i++) {
                p[i] = probability(logits[l][i]);
            }
            coefficientPriors[l] = java.util.Arrays.copyOfRange(p, 0, CoefficientCoder.CONTEXTS);
            eventPriors[l] = java.util.Arrays.copyOfRange(p, CoefficientCoder.CONTEXTS, PRIORS);
        }
    }

    /** A 16-bit probability of a zero from its logit; StrictMath, so every machine computes the same value. */
    static int probability(float logit) {
        double p = 65536 / (1 + StrictMath.exp(-logit));
        return (int) Math.max(1, Math.min(65535, Math.round(p)));
    }

    /** The logit that {@link #probability} turns back into p (a 16-bit probability of a zero). */
    static float logit(double p) {
        double q = Math.max(1, Math.min(65535, p)) / 65536;
        return (float) StrictMath.log(q / (1 - q));
    }

    Waveforms waveforms() {
        return waveforms;
    }

    int[] coefficientPriors(int level) {
        return coefficientPriors[level - 1];
    }

    int[] eventPriors(int level) {
        return eventPriors[level - 1];
    }

    ShapeRanker ranker() {
        return ranker;
    }
}
