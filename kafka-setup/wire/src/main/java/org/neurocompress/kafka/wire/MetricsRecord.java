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

    /** A record of the current schema by named groups of fields; groups not set stay zero or null. */
    public static Builder builder() {
        return new Builder();
    }

    /** Named groups of {@link MetricsRecord}'s fields, in the order docs/formats.md lists them. */
    public static final class Builder {
        private String scope = SCOPE_GLOBAL;
        private Integer channel;
        private long windowStartMs;
        private long windowEndMs;
        private long frames;
        private long samples;
        private long bytes;
        private double framesPerSecond;
        private long deadLetters;
        private double compressionRatio;
        private Double snrDb;
        private Double snrAcDb;
        private Double psnrDb;
        private double mse;
        private Double ssim;
        private double bitsPerSample;
        private Double latencyMsP50;
        private Double latencyMsP99;
        private String codec = "none";
        private int level = 1;
        private String model;
        private Long spikesOriginal;
        private Long spikesDecoded;
        private Long spikesMatched;
        private Double spikeF1;
        private Double spikeRecall;
        private Double spikePrecision;
        private Double lfpSnrDb;
        private Double spikeBandSnrDb;

        private Builder() {
        }

        /** A channel's record ({@code channel} not null) or the global one. */
        public Builder channel(Integer channelOrNull) {
            channel = channelOrNull;
            scope = channelOrNull == null ? SCOPE_GLOBAL : SCOPE_CHANNEL;
            return this;
        }

        public Builder window(long startMs, long endMs) {
            windowStartMs = startMs;
            windowEndMs = endMs;
            return this;
        }

        public Builder volume(long frameCount, long sampleCount, long byteCount, double perSecond,
                long deadLetterCount) {
            frames = frameCount;
            samples = sampleCount;
            bytes = byteCount;
            framesPerSecond = perSecond;
            deadLetters = deadLetterCount;
            return this;
        }

        /** Ratio, SNR, SNR-AC, PSNR, MSE, SSIM and bits per sample (decibels and SSIM null when undefined). */
        public Builder quality(double ratio, Double snr, Double snrAc, Double psnr, double meanSquaredError,
                Double ssimOrNull, double bits) {
            compressionRatio = ratio;
            snrDb = snr;
            snrAcDb = snrAc;
            psnrDb = psnr;
            mse = meanSquaredError;
            ssim = ssimOrNull;
            bitsPerSample = bits;
            return this;
        }

        public Builder latency(Double p50Ms, Double p99Ms) {
            latencyMsP50 = p50Ms;
            latencyMsP99 = p99Ms;
            return this;
        }

        public Builder codec(String name, int codecLevel, String modelFingerprint) {
            codec = name;
            level = codecLevel;
            model = modelFingerprint;
            return this;
        }

        /** Spike counts, F1 / recall / precision (null without original spikes) and the band SNRs. */
        public Builder spikes(long original, long decoded, long matched, Double f1, Double recall, Double precision,
                Double lfpSnr, Double spikeBandSnr) {
            spikesOriginal = original;
            spikesDecoded = decoded;
            spikesMatched = matched;
            spikeF1 = f1;
            spikeRecall = recall;
            spikePrecision = precision;
            lfpSnrDb = lfpSnr;
            spikeBandSnrDb = spikeBandSnr;
            return this;
        }

        public MetricsRecord build() {
            return new MetricsRecord(SCHEMA_VERSION, scope, channel, windowStartMs, windowEndMs, frames, samples, bytes,
                    compressionRatio, snrDb, snrAcDb, psnrDb, mse, ssim, bitsPerSample, latencyMsP50, latencyMsP99,
                    framesPerSecond, deadLetters, codec, level, model, spikesOriginal, spikesDecoded, spikesMatched,
                    spikeF1, spikeRecall, spikePrecision, lfpSnrDb, spikeBandSnrDb);
        }
    }
}
