package org.neurocompress.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neurocompress.metrics.QualityMetrics;

/**
 * Per-segment values of each metric (a bounded random sample of them), for the distribution plots. A segment's
 * bytes are its share of its frame's bytes, since the segments of a frame share one entropy-coded payload.
 */
public final class SegmentDistributions {
    public static final List<String> METRICS = List.of("compression_ratio", "snr_db", "psnr_db", "mse", "ssim");
    private static final int CAPACITY = 200_000;

    private final Map<String, Reservoir> reservoirs = new LinkedHashMap<>();
    private long segments;

    public SegmentDistributions() {
        for (String metric : METRICS) {
            reservoirs.put(metric, new Reservoir(CAPACITY));
        }
    }

    synchronized void add(QualityMetrics m) {
        segments++;
        reservoirs.get("compression_ratio").add(m.compressionRatio());
        reservoirs.get("snr_db").add(m.snrDb());
        reservoirs.get("psnr_db").add(m.psnrDb());
        reservoirs.get("mse").add(m.mse());
        reservoirs.get("ssim").add(m.ssim());
    }

    public long segments() {
        return segments;
    }

    public List<Double> values(String metric) {
        return reservoirs.get(metric).values();
    }
}
