package org.neurocompress.metrics;

/**
 * The quality of one reconstruction (docs/metrics.md). Decibel figures are null when the reconstruction is exact
 * ({@code lossless}), SSIM is null when there are fewer samples than its window.
 *
 * @param samples samples compared (all channels)
 * @param compressedBytes bytes of all frames, headers included
 */
public record QualityMetrics(long samples, long compressedBytes, double compressionRatio, double ratioVs10Bit,
        double mse, Double snrDb, Double snrAcDb, Double psnrDb, Double ssim, int maxAbsError, boolean lossless) {
}
