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
    /** C1 x n^2 S^2 and C2 x n (n - 1) S^2: the constants on the scale of {@link #windowSsim}'s integer sums. */
    private static final double MEANS_C1 = C1 * SSIM_WINDOW * SSIM_WINDOW * FULL_SCALE * FULL_SCALE;
    private static final double VARIANCES_C2 = C2 * SSIM_WINDOW * (SSIM_WINDOW - 1) * FULL_SCALE * FULL_SCALE;

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
            int error = x - decoded[decodedOffset + i];
            sx += x;
            sxx += (long) x * x;
            see += (long) error * error;
            maxError = Math.max(maxError, Math.abs(error));
        }
        // SSIM's window: the first samples of a stretch push out the samples the window kept from the stretch before;
        // after them the sample leaving the window is SSIM_WINDOW back in this stretch (no ring, no branches).
        int head = Math.min(length, SSIM_WINDOW);
        for (int i = 0; i < head; i++) {
            short x = original[originalOffset + i];
            short y = decoded[decodedOffset + i];
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
        for (int i = head; i < length; i++) {
            short x = original[originalOffset + i];
            short y = decoded[decodedOffset + i];
            short ox = original[originalOffset + i - SSIM_WINDOW];
            short oy = decoded[decodedOffset + i - SSIM_WINDOW];
            ax += x - ox;
            ay += y - oy;
            axx += (long) x * x - (long) ox * ox;
            ayy += (long) y * y - (long) oy * oy;
            axy += (long) x * y - (long) ox * oy;
            ssim += windowSsim(ax, ay, axx, ayy, axy);
        }
        if (length > head) {
            // The window's samples for the next stretch, oldest first.
            positions += length - head;
            fill += length - head;
            for (int j = 0; j < SSIM_WINDOW; j++) {
                windowX[j] = original[originalOffset + length - SSIM_WINDOW + j];
                windowY[j] = decoded[decodedOffset + length - SSIM_WINDOW + j];
            }
            ring = 0;
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

    /**
     * SSIM of a window with these sums, on the normalised scale, with sample (n - 1) variances:
     * (2 mu_x mu_y + C1)(2 cov + C2) / ((mu_x^2 + mu_y^2 + C1)(var_x + var_y + C2)). Each factor multiplied through by
     * n^2 S^2 or n (n - 1) S^2 (S the full scale) leaves integer sums that are exact in a long, so a window costs one
     * division instead of fourteen (the sidecar measures every sample it measures) and no cancellation in the
     * variances.
     */
    private static double windowSsim(long wx, long wy, long wxx, long wyy, long wxy) {
        long n = SSIM_WINDOW;
        long means = wx * wx + wy * wy;
        long product = wx * wy;
        double numerator = 2.0 * (n * wxy - product) + VARIANCES_C2;
        double denominator = (double) (n * (wxx + wyy) - means) + VARIANCES_C2;
        return (2.0 * product + MEANS_C1) * numerator / ((means + MEANS_C1) * denominator);
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
