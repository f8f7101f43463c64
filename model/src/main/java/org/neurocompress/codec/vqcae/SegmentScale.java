package org.neurocompress.codec.vqcae;

/**
 * The per-segment normalisation the network expects: samples divided by their RMS, rounded to a quarter step of
 * log2 (1.5 dB). The step, an integer in [0, {@link #MAX_STEP}], is the side information a frame carries per segment.
 */
final class SegmentScale {
    static final int MAX_STEP = 63;

    private SegmentScale() {
    }

    static int step(short[] samples, int from, int length) {
        double sum = 0;
        for (int i = 0; i < length; i++) {
            double v = samples[from + i];
            sum += v * v;
        }
        double rms = Math.sqrt(sum / length);
        if (rms <= 1) {
            return 0;
        }
        return (int) Math.min(MAX_STEP, Math.round(4 * Math.log(rms) / Math.log(2)));
    }

    static double scale(int step) {
        return Math.pow(2, step / 4.0);
    }
}
