package org.neurocompress.kafka.wire;

/**
 * Rolling quality of the stream over one window, for one channel or for all ({@code scope} "global", channel
 * null). Decibel figures and SSIM are null when undefined (an exact reconstruction, too few samples); spike F1,
 * recall and precision are null when the original had no spike in the window, and every spike figure is null in
 * a version 1 record. JSON with snake_case names, schema in docs/formats.md.
 */
public record MetricsRecord(int schemaVersion, String scope, Integer channel, long windowStartMs,
        long windowEndMs, long frames, long samples, long bytes, double compressionRatio, Double snrDb,
        Double snrAcDb, Double psnrDb, double mse, Double ssim, double bitsPerSample, Double latencyMsP50,
        Double latencyMsP99, double framesPerSecond, long deadLetters, String codec, int level, String model,
        Long spikesOriginal, Long spikesDecoded, Long spikesMatched, Double spikeF1, Double spikeRecall,
        Double spikePrecision, Double lfpSnrDb, Double spikeBandSnrDb) {

    public static final int SCHEMA_VERSION = 2;
    /** The oldest schema this reader still takes: version 1 lacks the spike figures. */
    public static final int OLDEST_SCHEMA_VERSION = 1;
    static final String[] SPIKE_FIELDS = {"spikes_original", "spikes_decoded", "spikes_matched", "spike_f1",
        "spike_recall", "spike_precision", "lfp_snr_db", "spike_band_snr_db"};
    public static final String SCOPE_CHANNEL = "channel";
    public static final String SCOPE_GLOBAL = "global";

    public boolean isGlobal() {
        return SCOPE_GLOBAL.equals(scope);
    }
}
