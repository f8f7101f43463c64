package org.neurocompress.job.quality;

import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.streaming.api.functions.windowing.ProcessAllWindowFunction;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;
import org.neurocompress.kafka.wire.MetricsRecord;
import org.neurocompress.metrics.QualityMetrics;
import org.neurocompress.metrics.SpikeFidelity;

/** Turns the merged events of a window into a metrics record (docs/formats.md), per channel or global. */
public final class WindowMetrics {
    private WindowMetrics() {
    }

    /** Merges the events of a window. */
    public static final class Merge implements AggregateFunction<QualityEvent, WindowQuality, WindowQuality> {
        @Override
        public WindowQuality createAccumulator() {
            return new WindowQuality();
        }

        @Override
        public WindowQuality add(QualityEvent event, WindowQuality window) {
            window.add(event);
            return window;
        }

        @Override
        public WindowQuality getResult(WindowQuality window) {
            return window;
        }

        @Override
        public WindowQuality merge(WindowQuality a, WindowQuality b) {
            return a.merge(b);
        }
    }

    /** One channel's window. */
    public static final class PerChannel extends ProcessWindowFunction<WindowQuality, MetricsRecord, Integer,
            TimeWindow> {
        @Override
        public void process(Integer channel, Context context, Iterable<WindowQuality> windows,
                Collector<MetricsRecord> out) {
            WindowQuality w = windows.iterator().next();
            if (w.frames > 0) {
                out.collect(record(channel, context.window(), w));
            }
        }
    }

    /** All channels' window. */
    public static final class Global extends ProcessAllWindowFunction<WindowQuality, MetricsRecord, TimeWindow> {
        @Override
        public void process(Context context, Iterable<WindowQuality> windows, Collector<MetricsRecord> out) {
            out.collect(record(null, context.window(), windows.iterator().next()));
        }
    }

    static MetricsRecord record(Integer channel, TimeWindow window, WindowQuality w) {
        double seconds = (window.getEnd() - window.getStart()) / 1000.0;
        MetricsRecord.Builder record = MetricsRecord.builder().channel(channel)
                .window(window.getStart(), window.getEnd());
        if (w.frames == 0) {
            return record.volume(0, 0, 0, 0, w.deadLetters).codec(w.codec == null ? "none" : w.codec,
                    Math.max(1, w.level), w.model).spikes(0, 0, 0, null, null, null, null, null).build();
        }
        QualityMetrics m = w.quality.result(w.bytes);
        SpikeFidelity f = w.spikes.figures();
        long[] sorted = w.sortedLatencies();
        return record.volume(w.frames, m.samples(), w.bytes, w.frames / seconds, w.deadLetters)
                .quality(m.compressionRatio(), m.snrDb(), m.snrAcDb(), m.psnrDb(), m.mse(), m.ssim(),
                        8.0 * w.bytes / m.samples())
                .latency(percentile(sorted, 50), percentile(sorted, 99)).codec(w.codec, w.level, w.model)
                .spikes(w.spikes.originalSpikes(), w.spikes.decodedSpikes(), w.spikes.matched(), f.f1(), f.recall(),
                        f.precision(), f.lfpSnrDb(), f.spikeBandSnrDb())
                .build();
    }

    private static Double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return null;
        }
        return (double) sorted[(int) Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1)];
    }
}
