package org.neurocompress.kafka.wire;

/**
 * Rolling quality of the stream over one window, for one channel or for all ({@code scope} "global", channel
 * null). Decibel figures and SSIM are null when undefined (an exact reconstruction, too few samples). JSON with
 * snake_case names, schema in docs/formats.md.
 */
public record MetricsRecord(int schemaVersion, String scope, Integer channel, long windowStartMs,
        long windowEndMs, long frames, long samples, long bytes, double compressionRatio, Double snrDb,
        Double snrAcDb, Double psnrDb, double mse, Double ssim, double bitsPerSample, Double latencyMsP50,
        Double latencyMsP99, double framesPerSecond, long deadLetters, String codec, int level, String model) {

    public static final int SCHEMA_VERSION = 1;
    public static final String SCOPE_CHANNEL = "channel";
    public static final String SCOPE_GLOBAL = "global";

    public boolean isGlobal() {
        return SCOPE_GLOBAL.equals(scope);
    }
}
