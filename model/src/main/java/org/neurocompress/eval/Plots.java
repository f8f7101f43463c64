package org.neurocompress.eval;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.statistics.HistogramDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The report's PNG figures, drawn with JFreeChart. */
public final class Plots {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 500;
    private static final int BINS = 40;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Plots() {
    }

    public static void histogram(Path png, String title, String axis, List<Double> values) throws IOException {
        double[] v = values.stream().filter(d -> d != null && Double.isFinite(d)).mapToDouble(Double::doubleValue)
                .toArray();
        HistogramDataset data = new HistogramDataset();
        if (v.length > 0) {
            data.addSeries(axis, v, BINS);
        }
        JFreeChart chart = ChartFactory.createHistogram(title + " (" + v.length + " segments)", axis, "segments",
                data, PlotOrientation.VERTICAL, false, false, false);
        save(png, chart);
    }

    public static void waveform(Path png, String title, Waveform w) throws IOException {
        XYSeries original = new XYSeries("original");
        XYSeries decoded = new XYSeries("decoded");
        for (int i = 0; i < w.original().length; i++) {
            double ms = 1000.0 * (w.firstSample() + i) / w.sampleRate();
            original.add(ms, w.original()[i]);
            decoded.add(ms, w.decoded()[i]);
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(original);
        data.addSeries(decoded);
        JFreeChart chart = ChartFactory.createXYLineChart(title, "time (ms)", "sample (16-bit)", data,
                PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.getRenderer().setSeriesPaint(0, new Color(0x999999));
        plot.getRenderer().setSeriesPaint(1, new Color(0xD62728));
        plot.getRenderer().setSeriesStroke(1, new BasicStroke(1.5f));
        plot.getRangeAxis().setAutoRange(true);
        ((org.jfree.chart.axis.NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        save(png, chart);
    }

    /**
     * Original against decoded around spikes: each excerpt in its own stretch of the x axis, separated by gaps, so
     * whether each action potential survived shows at a glance.
     */
    public static void spikes(Path png, String title, SpikeExcerpts spikes) throws IOException {
        XYSeries original = new XYSeries("original", false);
        XYSeries decoded = new XYSeries("decoded", false);
        double x = 0;
        for (SpikeExcerpts.Excerpt e : spikes.excerpts()) {
            for (int i = 0; i < e.original().length; i++) {
                double ms = x + 1000.0 * i / spikes.sampleRate();
                original.add(ms, e.original()[i]);
                decoded.add(ms, e.decoded()[i]);
            }
            x += 1000.0 * e.original().length / spikes.sampleRate();
            // A gap (no line across it) before the next spike.
            original.add(x + 0.5, null);
            decoded.add(x + 0.5, null);
            x += 1;
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(original);
        data.addSeries(decoded);
        JFreeChart chart = ChartFactory.createXYLineChart(title, "spike excerpts, 4 ms each (ms)", "sample (16-bit)",
                data, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.getRenderer().setSeriesPaint(0, new Color(0x999999));
        plot.getRenderer().setSeriesPaint(1, new Color(0xD62728));
        plot.getRenderer().setSeriesStroke(1, new BasicStroke(1.5f));
        ((org.jfree.chart.axis.NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        save(png, chart);
    }

    /** SNR against compression ratio, one line per codec, one point per level. */
    public static void rateDistortion(Path png, Map<String, List<double[]>> curves) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Map.Entry<String, List<double[]>> curve : curves.entrySet()) {
            XYSeries series = new XYSeries(curve.getKey(), false);
            for (double[] point : curve.getValue()) {
                series.add(point[0], point[1]);
            }
            data.addSeries(series);
        }
        JFreeChart chart = ChartFactory.createXYLineChart("Rate-distortion: median SNR over files",
                "compression ratio (16-bit, every frame byte counted)", "SNR (dB)", data, PlotOrientation.VERTICAL,
                true, false, false);
        XYPlot plot = chart.getXYPlot();
        LogAxis ratio = new LogAxis("compression ratio (16-bit, every frame byte counted)");
        ratio.setBase(10);
        ratio.setNumberFormatOverride(new java.text.DecimalFormat("0"));
        plot.setDomainAxis(ratio);
        plot.setRenderer(new XYLineAndShapeRenderer(true, true));
        save(png, chart);
    }

    /** Lines over time, one per named series of (x, y) points. */
    public static void timeSeries(Path png, String title, String xLabel, String yLabel, Map<String, List<double[]>>
            series) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Map.Entry<String, List<double[]>> s : series.entrySet()) {
            XYSeries line = new XYSeries(s.getKey(), false);
            s.getValue().forEach(p -> line.add(p[0], p[1]));
            data.addSeries(line);
        }
        save(png, ChartFactory.createXYLineChart(title, xLabel, yLabel, data, PlotOrientation.VERTICAL, true, false,
                false));
    }

    /** Training loss per epoch, on a log scale. */
    public static void lossCurve(Path png, String title, List<Double> losses) throws IOException {
        XYSeries series = new XYSeries("loss");
        for (int i = 0; i < losses.size(); i++) {
            series.add(i + 1, losses.get(i));
        }
        JFreeChart chart = ChartFactory.createXYLineChart("Training loss: " + title, "epoch", "loss",
                new XYSeriesCollection(series), PlotOrientation.VERTICAL, false, false, false);
        LogAxis axis = new LogAxis("loss");
        chart.getXYPlot().setRangeAxis(axis);
        chart.getXYPlot().setRenderer(new XYLineAndShapeRenderer(true, true));
        save(png, chart);
    }

    private static void save(Path png, JFreeChart chart) throws IOException {
        chart.setBackgroundPaint(Color.WHITE);
        if (chart.getPlot() instanceof XYPlot xy) {
            xy.setBackgroundPaint(Color.WHITE);
            xy.setDomainGridlinePaint(Color.LIGHT_GRAY);
            xy.setRangeGridlinePaint(Color.LIGHT_GRAY);
        }
        try (org.neurocompress.io.AtomicFile file = org.neurocompress.io.AtomicFile.create(png)) {
            ChartUtils.saveChartAsPNG(file.temporary().toFile(), chart, WIDTH, HEIGHT);
            file.commit();
        }
    }
}
