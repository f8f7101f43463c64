package org.neurocompress.metrics;

import java.math.BigInteger;

/**
 * The sums a {@link QualityAccumulator} keeps, without its sliding window: what one measured stretch of signal
 * contributes to the metrics. Sums of stretches (other blocks, other channels) are sums of these; the stream job
 * ships them between operators (a plain record, so Flink serialises it without Kryo).
 */
public record QualitySums(long count, long sumX, long sumXSquared, long sumErrorSquared, int maxAbsError,
        double ssimSum, long ssimPositions) {
    public static final QualitySums NONE = new QualitySums(0, 0, 0, 0, 0, 0, 0);

    public QualitySums plus(QualitySums o) {
        return new QualitySums(count + o.count, sumX + o.sumX, sumXSquared + o.sumXSquared,
                sumErrorSquared + o.sumErrorSquared, Math.max(maxAbsError, o.maxAbsError), ssimSum + o.ssimSum,
                ssimPositions + o.ssimPositions);
    }

    /** The metrics of these sums, with {@code compressedBytes} for the ratio. */
    public QualityMetrics result(long compressedBytes) {
        if (count == 0) {
            throw new IllegalStateException("no samples measured");
        }
        double fullScale = QualityAccumulator.FULL_SCALE;
        boolean lossless = sumErrorSquared == 0;
        double mse = sumErrorSquared / (double) count / (fullScale * fullScale);
        Double snr = lossless ? null : 10 * Math.log10(sumXSquared / (double) sumErrorSquared);
        Double snrAc = lossless ? null : 10 * Math.log10(centredEnergy() / sumErrorSquared);
        Double psnr = lossless ? null : 10 * Math.log10(1 / mse);
        Double ssim = ssimPositions == 0 ? null : ssimSum / ssimPositions;
        double ratio = compressedBytes == 0 ? Double.NaN : 2.0 * count / compressedBytes;
        double ratio10 = compressedBytes == 0 ? Double.NaN : 1.25 * count / compressedBytes;
        return new QualityMetrics(count, compressedBytes, ratio, ratio10, mse, snr, snrAc, psnr, ssim, maxAbsError,
                lossless);
    }

    /** Sum of (x - mean)^2 = (n sum x^2 - (sum x)^2) / n, exactly, then as a double. */
    private double centredEnergy() {
        BigInteger n = BigInteger.valueOf(count);
        BigInteger numerator = n.multiply(BigInteger.valueOf(sumXSquared))
                .subtract(BigInteger.valueOf(sumX).multiply(BigInteger.valueOf(sumX)));
        return numerator.doubleValue() / count;
    }
}
