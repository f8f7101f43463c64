package org.neurocompress.kafka.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.neurocompress.kafka.wire.MetricsRecord;

class MetricsViewTest {
    private static MetricsRecord record(String scope, Integer channel, long end, Double snr) {
        return MetricsRecord.builder().channel(channel).window(end - 10_000, end)
                .volume(10, 20480, 100, 1.0, 2)
                .quality(204.8, snr, snr, 40.0, 1e-4, 0.9, 0.08).latency(50.0, 90.0)
                .codec("dct", 5, null).spikes(10, 9, 9, 0.947, 0.9, 1.0, 20.0, 6.0)
                .build();
    }

    @Test
    void keepsTheNewestRecordPerChannelAndListsTheWorstFirst() {
        MetricsView view = new MetricsView();
        view.add(record("channel", 1, 1000, 9.0));
        view.add(record("channel", 2, 1000, 3.0));
        view.add(record("channel", 3, 1000, null));
        view.add(record("channel", 1, 2000, 1.5));
        view.add(record("channel", 1, 500, 30.0)); // older: ignored
        view.add(record("global", null, 2000, 7.0));
        List<MetricsRecord> worst = view.worst(2);
        assertEquals(1, worst.get(0).channel());
        assertEquals(2, worst.get(1).channel());
        assertEquals(3, view.channelCount());
        String screen = view.render("test", 3);
        assertTrue(screen.contains("ratio 204.8"), screen);
        assertTrue(screen.contains("dead letters 2"), screen);
        assertTrue(screen.indexOf("exact") > screen.indexOf("3.00"), "the exact channel is listed last");
    }
}
