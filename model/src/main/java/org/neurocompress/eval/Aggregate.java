package org.neurocompress.eval;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.neurocompress.metrics.QualityMetrics;
import org.neurocompress.metrics.Summary;

/** The figures over files of one level, as report.json's {@code aggregate} object (docs/formats.md). */
public final class Aggregate {
    private static final Map<String, Function<FileEvaluation, Double>> METRICS = new LinkedHashMap<>();

    static {
        METRICS.put("compression_ratio", f -> f.metrics().compressionRatio());
        METRICS.put("ratio_vs_10bit", f -> f.metrics().ratioVs10Bit());
        METRICS.put("snr_db", f -> f.metrics().snrDb());
        METRICS.put("snr_ac_db", f -> f.metrics().snrAcDb());
        METRICS.put("psnr_db", f -> f.metrics().psnrDb());
        METRICS.put("mse", f -> f.metrics().mse());
        METRICS.put("ssim", f -> f.metrics().ssim());
        // Files without a spike in the original have no F1, recall or precision: left out of the summaries.
        METRICS.put("spike_f1", f -> f.spikes().f1());
        METRICS.put("spike_recall", f -> f.spikes().recall());
        METRICS.put("spike_precision", f -> f.spikes().precision());
        METRICS.put("lfp_snr_db", f -> f.spikes().lfpSnrDb());
        METRICS.put("spike_band_snr_db", f -> f.spikes().spikeBandSnrDb());
    }

    private Aggregate() {
    }

    public static Summary summary(LevelEvaluation level, String metric) {
        Function<FileEvaluation, Double> getter = METRICS.get(metric);
        return Summary.of(level.files().stream().map(getter).toList());
    }

    public static ObjectNode toJson(LevelEvaluation level) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode out = json.objectNode();
        List<FileEvaluation> files = level.files();
        for (String metric : METRICS.keySet()) {
            Summary s = summary(level, metric);
            ObjectNode node = out.putObject(metric);
            node.put("mean", s.mean());
            node.put("median", s.median());
            node.put("p10", s.p10());
            node.put("p90", s.p90());
            if (metric.startsWith("spike_") && !metric.equals("spike_band_snr_db")) {
                node.put("files", s.count());
            }
        }
        out.put("spikes_original", files.stream().mapToLong(f -> f.spikes().originalSpikes()).sum());
        out.put("spikes_decoded", files.stream().mapToLong(f -> f.spikes().decodedSpikes()).sum());
        out.put("spikes_matched", files.stream().mapToLong(f -> f.spikes().matched()).sum());
        out.put("max_abs_error", files.stream().mapToInt(f -> f.metrics().maxAbsError()).max().orElse(0));
        out.put("lossless", files.stream().allMatch(f -> f.metrics().lossless()));
        long samples = files.stream().mapToLong(FileEvaluation::samples).sum();
        out.put("encode_samples_per_second", rate(samples, files.stream().mapToLong(FileEvaluation::encodeNanos)
                .sum()));
        out.put("decode_samples_per_second", rate(samples, files.stream().mapToLong(FileEvaluation::decodeNanos)
                .sum()));
        return out;
    }

    static double rate(long samples, long nanos) {
        return nanos == 0 ? 0 : samples / (nanos / 1e9);
    }

    public static ObjectNode fileJson(FileEvaluation f) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        QualityMetrics m = f.metrics();
        node.put("file", f.file());
        node.put("channels", f.channels());
        node.put("samples", f.samples());
        node.put("bytes", m.compressedBytes());
        for (Map.Entry<String, Function<FileEvaluation, Double>> e : METRICS.entrySet()) {
            node.put(e.getKey(), e.getValue().apply(f));
        }
        node.put("spikes_original", f.spikes().originalSpikes());
        node.put("spikes_decoded", f.spikes().decodedSpikes());
        node.put("spikes_matched", f.spikes().matched());
        node.put("spike_samples", f.spikeSamples());
        node.put("max_abs_error", m.maxAbsError());
        node.put("lossless", m.lossless());
        return node;
    }
}
