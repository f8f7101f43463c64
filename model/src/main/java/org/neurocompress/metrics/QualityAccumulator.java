package org.neurocompress.metrics;


/**
 * Accumulates the quality metrics of a reconstruction chunk by chunk, so recordings of any length are measured in
 * bounded memory. Sums of squares are kept as exact integers; SSIM uses a sliding window that continues across
 * chunks. One accumulator measures one continuous signal (one channel); {@link #merge} combines channels.
 */
public final class QualityAccumulator {
    /** Normalised scale: samples are divided by this. */
    public static final double FULL_SCALE = 32768.0;
    static final int SSIM_WINDOW = 7;
    private static final double SSIM_RANGE = 2.0;
    private static final double C1 = Math.pow(0.01 * SSIM_RANGE, 2);
    private static final double C2 = Math.pow(0.03 * SSIM_RANGE, 2);

    private long count;
    private long sumX;
    private long sumXSquared;
    private long sumErrorSquared;
    private int maxAbsError;

    private double ssimSum;
    private long ssimPositions;
    private final short[] windowX = new short[SSIM_WINDOW];
    private final short[] windowY = new short[SSIM_WINDOW];
    private long windowFill;
    private int slot;
    private long wx;
    private long wy;
    private long wxx;
    private long wyy;
    private long wxy;

    /**
     * Adds a stretch of both signals, a sample at a time, the running sums and the SSIM window's in local variables for
     * the stretch (kept in fields, they were loaded and stored for every sample: the sidecar measures every sample of
     * the frames it measures).
     */
    public void add(short[] original, int originalOffset, short[] decoded, int decodedOffset, int length) {
        long sx = sumX;
        long sxx = sumXSquared;
        long see = sumErrorSquared;
        int maxError = maxAbsError;
        double ssim = ssimSum;
        long positions = ssimPositions;
        long fill = windowFill;
        int ring = slot;
        long ax = wx;
        long ay = wy;
        long axx = wxx;
        long ayy = wyy;
        long axy = wxy;
        for (int i = 0; i < length; i++) {
            short x = original[originalOffset + i];
            short y = decoded[decodedOffset + i];
            sx += x;
            sxx += (long) x * x;
            int error = x - y;
            see += (long) error * error;
            maxError = Math.max(maxError, Math.abs(error));
            if (fill >= SSIM_WINDOW) {
                short ox = windowX[ring];
                short oy = windowY[ring];
                ax -= ox;
                ay -= oy;
                axx -= (long) ox * ox;
                ayy -= (long) oy * oy;
                axy -= (long) ox * oy;
            }
            windowX[ring] = x;
            windowY[ring] = y;
            ring = ring == SSIM_WINDOW - 1 ? 0 : ring + 1;
            ax += x;
            ay += y;
            axx += (long) x * x;
            ayy += (long) y * y;
            axy += (long) x * y;
            fill++;
            if (fill >= SSIM_WINDOW) {
                ssim += windowSsim(ax, ay, axx, ayy, axy);
                positions++;
            }
        }
        count += length;
        sumX = sx;
        sumXSquared = sxx;
        sumErrorSquared = see;
        maxAbsError = maxError;
        ssimSum = ssim;
        ssimPositions = positions;
        windowFill = fill;
        slot = ring;
        wx = ax;
        wy = ay;
        wxx = axx;
        wyy = ayy;
        wxy = axy;
    }

    public void add(short[] original, short[] decoded) {
        if (original.length != decoded.length) {
            throw new IllegalArgumentException("original has " + original.length + " samples, decoded "
                    + decoded.length);
        }
        add(original, 0, decoded, 0, original.length);
    }

    /** SSIM of a window with these sums, on the normalised scale, with sample (n - 1) variances. */
    private static double windowSsim(long wx, long wy, long wxx, long wyy, long wxy) {
        double n = SSIM_WINDOW;
        double s2 = FULL_SCALE * FULL_SCALE;
        double muX = wx / n / FULL_SCALE;
        double muY = wy / n / FULL_SCALE;
        double varX = (wxx - (double) wx * wx / n) / (n - 1) / s2;
        double varY = (wyy - (double) wy * wy / n) / (n - 1) / s2;
        double cov = (wxy - (double) wx * wy / n) / (n - 1) / s2;
        return (2 * muX * muY + C1) * (2 * cov + C2) / ((muX * muX + muY * muY + C1) * (varX + varY + C2));
    }

    /** Adds another signal's sums (another channel): SSIM becomes the mean over both signals' windows. */
    public void merge(QualityAccumulator other) {
        merge(other.sums());
    }

    /** Adds sums measured elsewhere (another block or channel). */
    public void merge(QualitySums other) {
        count += other.count();
        sumX += other.sumX();
        sumXSquared += other.sumXSquared();
        sumErrorSquared += other.sumErrorSquared();
        maxAbsError = Math.max(maxAbsError, other.maxAbsError());
        ssimSum += other.ssimSum();
        ssimPositions += other.ssimPositions();
    }

    /** What was measured so far, as a plain record. */
    public QualitySums sums() {
        return new QualitySums(count, sumX, sumXSquared, sumErrorSquared, maxAbsError, ssimSum, ssimPositions);
    }

    public long count() {
        return count;
    }

    public QualityMetrics result(long compressedBytes) {
        return sums().result(compressedBytes);
    }
}
