package org.neurocompress.job.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.junit.jupiter.api.Test;
import org.neurocompress.kafka.wire.MetricsRecord;
import org.neurocompress.metrics.QualityAccumulator;
import org.neurocompress.metrics.StreamingSpikeFidelity;

class WindowMetricsTest {
    private static QualityEvent event(int channel, short[] x, short[] y, long bytes, long latency) {
        QualityAccumulator q = new QualityAccumulator();
        q.add(x, y);
        return new QualityEvent(channel, q.sums(), StreamingSpikeFidelity.Counts.NONE, bytes, 1, 0, latency, "dct", 4, null);
    }

    @Test
    void eventsOfAWindowMergeIntoOneRecordWithTheFiguresOfAllTheirSamples() {
        short[] x = {100, 200, 300, 400, 500, 600, 700, 800};
        short[] y = {110, 190, 300, 400, 520, 600, 700, 790};
        WindowMetrics.Merge merge = new WindowMetrics.Merge();
        WindowQuality a = merge.add(event(3, x, y, 4, 10), merge.createAccumulator());
        a = merge.add(QualityEvent.deadLetter(), a);
        WindowQuality b = merge.add(event(3, x, x.clone(), 4, 30), merge.createAccumulator());
        WindowQuality window = merge.merge(a, b);

        MetricsRecord r = WindowMetrics.record(3, new TimeWindow(0, 2000), window);
        assertEquals(2, r.frames());
        assertEquals(16, r.samples());
        assertEquals(8, r.bytes());
        assertEquals(2.0 * 16 / 8, r.compressionRatio(), 1e-12);
        assertEquals(8.0 * 8 / 16, r.bitsPerSample(), 1e-12);
        assertEquals(1, r.deadLetters());
        assertEquals(1.0, r.framesPerSecond(), 1e-12);
        // The same sums as one accumulator over both blocks: error only in the first (10, 10, 20, 10).
        QualityAccumulator both = new QualityAccumulator();
        both.add(x, y);
        both.add(x, x.clone());
        assertEquals(both.result(8).snrDb(), r.snrDb(), 1e-12);
        assertEquals(both.result(8).mse(), r.mse(), 1e-18);
        assertEquals(10.0, r.latencyMsP50());
        assertEquals(30.0, r.latencyMsP99());
        assertEquals("dct", r.codec());
    }

    @Test
    void aWindowWithOnlyDeadLettersStillReportsThem() {
        WindowMetrics.Merge merge = new WindowMetrics.Merge();
        WindowQuality w = merge.add(QualityEvent.deadLetter(), merge.createAccumulator());
        MetricsRecord r = WindowMetrics.record(null, new TimeWindow(0, 1000), w);
        assertEquals(1, r.deadLetters());
        assertEquals(0, r.frames());
        assertNull(r.snrDb());
    }
}
