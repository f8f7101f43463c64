package org.neurocompress.codec.hybrid;

/**
 * A spike the frame carries explicitly: one of the model's waveforms, scaled, added to the decoded background
 * around a sample.
 *
 * @param position the sample of the frame where the band-passed spike crosses its threshold
 * @param shape the waveform's index in the model's codebook
 * @param gain the signed amplitude index: amplitude = sign x 2^((|gain| - 1) / 2), |gain| in 1..MAX_GAIN
 */
record SpikeEvent(int position, int shape, int gain) {
    static final int MAX_GAIN = 48;
    private static final double[] AMPLITUDE = new double[MAX_GAIN + 1];

    static {
        for (int g = 1; g <= MAX_GAIN; g++) {
            AMPLITUDE[g] = StrictMath.pow(2, (g - 1) / 2.0);
        }
    }

    double amplitude() {
        return gain < 0 ? -AMPLITUDE[-gain] : AMPLITUDE[gain];
    }

    /** The gain index nearest an amplitude (its sign kept). */
    static int gainOf(double amplitude) {
        double a = Math.abs(amplitude);
        int g = a <= 0 ? 1 : (int) Math.round(2 * Math.log(a) / Math.log(2)) + 1;
        g = Math.max(1, Math.min(MAX_GAIN, g));
        return amplitude < 0 ? -g : g;
    }

    /** Adds the event's waveform to {@code y[0..length)} (samples outside the frame are dropped). */
    void addTo(double[] y, int length, Waveforms waveforms) {
        double a = amplitude();
        float[] w = waveforms.shape(shape);
        int start = position - Waveforms.BEFORE;
        for (int j = Math.max(0, -start); j < Waveforms.LENGTH && start + j < length; j++) {
            y[start + j] += a * w[j];
        }
    }
}
