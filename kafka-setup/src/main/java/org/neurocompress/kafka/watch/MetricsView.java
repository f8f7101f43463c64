package org.neurocompress.kafka.watch;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.neurocompress.kafka.wire.MetricsRecord;

/**
 * The latest metrics of the stream: the newest global record and the newest record of every channel, rendered as
 * a terminal screen with the worst channels (lowest SNR) first.
 */
public final class MetricsView {
    private MetricsRecord global;
    private final Map<Integer, MetricsRecord> channels = new HashMap<>();
    private long records;
    private long malformed;

    public void add(MetricsRecord record) {
        records++;
        if (record.isGlobal()) {
            if (global == null || record.windowEndMs() >= global.windowEndMs()) {
                global = record;
            }
        } else {
            MetricsRecord old = channels.get(record.channel());
            if (old == null || record.windowEndMs() >= old.windowEndMs()) {
                channels.put(record.channel(), record);
            }
        }
    }

    public void malformed() {
        malformed++;
    }

    public MetricsRecord global() {
        return global;
    }

    public int channelCount() {
        return channels.size();
    }

    /** The {@code n} channels with the lowest SNR; exact (lossless) channels come last. */
    public List<MetricsRecord> worst(int n) {
        return channels.values().stream()
                .sorted(Comparator.comparing((MetricsRecord r) -> r.snrDb() == null ? Double.POSITIVE_INFINITY
                        : r.snrDb()).thenComparing(MetricsRecord::channel))
                .limit(n).toList();
    }

    public String render(String source, int worst) {
        StringBuilder out = new StringBuilder();
        out.append("neurocompress watch: ").append(source).append('\n');
        out.append(String.format(Locale.ROOT, "%d metrics records, %d channels reporting, %d malformed%n%n", records,
                channels.size(), malformed));
        if (global == null) {
            out.append("waiting for global metrics...\n");
        } else {
            MetricsRecord g = global;
            out.append(String.format(Locale.ROOT, "global  %s level %d  model %s  window %.1f s%n", g.codec(),
                    g.level(), g.model() == null ? "none" : g.model(), (g.windowEndMs() - g.windowStartMs()) / 1000.0));
            out.append(String.format(Locale.ROOT,
                    "  ratio %.1f  SNR %s dB  SNR-AC %s dB  PSNR %s dB  MSE %.2e  SSIM %s  %.3f bits/sample%n",
                    g.compressionRatio(), db(g.snrDb()), db(g.snrAcDb()), db(g.psnrDb()), g.mse(), ssim(g.ssim()),
                    g.bitsPerSample()));
            out.append(String.format(Locale.ROOT,
                    "  spike F1 %s (recall %s, precision %s; %s spikes)  LFP SNR %s dB  spike-band SNR %s dB%n",
                    ssim(g.spikeF1()), ssim(g.spikeRecall()), ssim(g.spikePrecision()),
                    g.spikesOriginal() == null ? "-" : g.spikesOriginal(), db(g.lfpSnrDb()), db(g.spikeBandSnrDb())));
            out.append(String.format(Locale.ROOT,
                    "  %.1f frames/s  %d samples  latency p50 %s ms p99 %s ms  dead letters %d%n", g.framesPerSecond(),
                    g.samples(), ms(g.latencyMsP50()), ms(g.latencyMsP99()), g.deadLetters()));
        }
        out.append('\n').append(String.format(Locale.ROOT, "%-8s %8s %8s %8s %10s %7s %8s %9s %9s%n", "channel",
                "ratio", "SNR dB", "PSNR dB", "MSE", "SSIM", "spike F1", "p99 ms", "frames/s"));
        for (MetricsRecord r : worst(worst)) {
            out.append(String.format(Locale.ROOT, "%-8d %8.1f %8s %8s %10.2e %7s %8s %9s %9.1f%n", r.channel(),
                    r.compressionRatio(), db(r.snrDb()), db(r.psnrDb()), r.mse(), ssim(r.ssim()), ssim(r.spikeF1()),
                    ms(r.latencyMsP99()), r.framesPerSecond()));
        }
        return out.toString();
    }

    private static String db(Double v) {
        return v == null ? "exact" : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String ssim(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String ms(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.0f", v);
    }
}
