package org.neurocompress.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.neurocompress.io.AtomicFile;
import org.neurocompress.metrics.Summary;

/**
 * Writes an evaluation's report.json, report.md and figures into a folder. {@code main} is the level the
 * distributions and waveform are drawn for: the one asked for, or the codec's default level in a sweep.
 */
public final class Report {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final String codec;
    private final String model;
    private final List<LevelEvaluation> levels;
    private final LevelEvaluation main;
    private final boolean sweep;

    public Report(String codec, String model, List<LevelEvaluation> levels, int mainLevel, boolean sweep) {
        this.codec = codec;
        this.model = model;
        this.levels = levels;
        this.main = levels.stream().filter(l -> l.level() == mainLevel).findFirst().orElse(levels.get(0));
        this.sweep = sweep;
    }

    public ObjectNode json() {
        ObjectNode root = JSON.createObjectNode();
        root.put("codec", codec);
        root.put("level", main.level());
        root.put("model", model);
        root.put("files", main.files().size());
        root.put("segments", main.segments().segments());
        root.set("aggregate", Aggregate.toJson(main));
        ArrayNode perFile = root.putArray("per_file");
        main.files().forEach(f -> perFile.add(Aggregate.fileJson(f)));
        ArrayNode skipped = root.putArray("skipped");
        main.skipped().forEach(s -> skipped.addObject().put("file", s.file()).put("reason", s.reason()));
        if (sweep) {
            ArrayNode points = root.putArray("points");
            for (LevelEvaluation level : levels) {
                ObjectNode point = points.addObject();
                point.put("level", level.level());
                point.put("nominal_ratio", level.nominalRatio());
                point.put("files", level.files().size());
                point.put("segments", level.segments().segments());
                point.set("aggregate", Aggregate.toJson(level));
            }
        }
        return root;
    }

    /** Median ratio and median SNR of each level: one codec's rate-distortion curve. */
    public List<double[]> curve() {
        List<double[]> points = new ArrayList<>();
        for (LevelEvaluation level : levels) {
            Summary ratio = Aggregate.summary(level, "compression_ratio");
            Summary snr = Aggregate.summary(level, "snr_db");
            if (ratio.median() != null && snr.median() != null) {
                points.add(new double[] {ratio.median(), snr.median()});
            }
        }
        return points;
    }

    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        AtomicFile.write(dir.resolve("report.json"), JSON.writeValueAsBytes(json()));
        for (String metric : SegmentDistributions.METRICS) {
            Plots.histogram(dir.resolve("segments_" + metric + ".png"), codec + " level " + main.level() + ": "
                    + metric + " per segment", metric, main.segments().values(metric));
        }
        if (main.spikes() != null) {
            SpikeExcerpts e = main.spikes();
            Plots.spikes(dir.resolve("spikes.png"), codec + " level " + main.level() + ": first spikes of " + e.file(),
                    e);
        }
        if (main.waveform() != null) {
            Waveform w = main.waveform();
            Plots.waveform(dir.resolve("waveform.png"), codec + " level " + main.level() + ": " + w.file()
                    + " channel " + w.channel(), w);
        }
        if (sweep) {
            Map<String, List<double[]>> curves = new LinkedHashMap<>();
            curves.put(codec, curve());
            Plots.rateDistortion(dir.resolve("rate_distortion.png"), curves);
        }
        AtomicFile.write(dir.resolve("report.md"), markdown().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Evaluation: codec `").append(codec).append("`\n\n");
        md.append("Model: ").append(model == null ? "none (model-free codec)" : "`" + model + "`").append(". ");
        md.append("Files: ").append(main.files().size()).append(", segments per level: ")
                .append(main.segments().segments()).append(".\n\n");
        md.append("Figures are over files: median (p10 to p90). Ratio counts every frame byte against 16-bit "
                + "samples; SNR includes DC; spike F1 is over the files whose original has spikes "
                + "(docs/metrics.md).\n\n");
        md.append("| level | nominal | ratio | SNR dB | SNR-AC dB | PSNR dB | MSE | SSIM | spike F1 | LFP SNR dB "
                + "| spike-band SNR dB | encode Msamples/s | decode Msamples/s |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (LevelEvaluation level : sweep ? levels : List.of(main)) {
            ObjectNode agg = Aggregate.toJson(level);
            md.append(String.format(Locale.ROOT,
                    "| %d | %sx | %s | %s | %s | %s | %s | %s | %s | %s | %s | %.2f | %.2f |%n",
                    level.level(), org.neurocompress.codec.CodecLevel.ratioText(level.nominalRatio()),
                    cell(level, "compression_ratio", "%.2f"),
                    cell(level, "snr_db", "%.2f"), cell(level, "snr_ac_db", "%.2f"), cell(level, "psnr_db", "%.2f"),
                    cell(level, "mse", "%.2e"), cell(level, "ssim", "%.3f"), cell(level, "spike_f1", "%.3f"),
                    cell(level, "lfp_snr_db", "%.2f"), cell(level, "spike_band_snr_db", "%.2f"),
                    agg.get("encode_samples_per_second").asDouble() / 1e6,
                    agg.get("decode_samples_per_second").asDouble() / 1e6));
        }
        md.append("\n## Figures (level ").append(main.level()).append(")\n\n");
        for (String metric : SegmentDistributions.METRICS) {
            md.append("![").append(metric).append("](segments_").append(metric).append(".png)\n");
        }
        if (main.waveform() != null) {
            md.append("![waveform](waveform.png)\n");
        }
        if (main.spikes() != null) {
            md.append("![spikes](spikes.png)\n");
        }
        if (sweep) {
            md.append("\n## Rate-distortion\n\n![rate-distortion](rate_distortion.png)\n");
        }
        if (!main.skipped().isEmpty()) {
            md.append("\n## Skipped files\n\n");
            main.skipped().forEach(s -> md.append("- ").append(s.reason()).append('\n'));
        }
        return md.toString();
    }

    private static String cell(LevelEvaluation level, String metric, String format) {
        Summary s = Aggregate.summary(level, metric);
        if (s.median() == null) {
            return "exact";
        }
        return String.format(Locale.ROOT, format + " (" + format + " to " + format + ")", s.median(), s.p10(),
                s.p90());
    }
}
