package org.neurocompress.kafka.watch.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.neurocompress.kafka.wire.MetricsRecord;

class MetricsBoardTest {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final MetricsBoard board = new MetricsBoard(16, 3, 4, 10_000, "m at b", now::get);

    private static MetricsRecord record(Integer channel, long end, double snr) {
        return MetricsRecord.builder().channel(channel).window(end - 1000, end).volume(1, 100, 10, 1, 2)
                .quality(20, snr, snr, snr, 0.1, 0.5, 0.8).codec("dct", 3, null).build();
    }

    private static JsonNode json(String s) throws Exception {
        return new ObjectMapper().readTree(s);
    }

    @Test
    void keepsABoundedHistoryAndSendsOnlyWhatChanged() throws Exception {
        for (int w = 0; w < 10; w++) {
            board.add(record(2, w * 1000L, w));
            board.add(record(null, w * 1000L, w));
        }
        assertEquals(3, json(board.history(2)).get("windows").size(), "3 windows kept per channel");
        assertEquals(7.0, json(board.history(2)).get("windows").get(0).get("snr").asDouble());
        JsonNode snapshot = json(board.snapshot());
        assertEquals(4, snapshot.get("global").size(), "4 global points kept");
        assertEquals(1, snapshot.get("cells").size());
        assertEquals("dct", snapshot.get("codec").asText());
        JsonNode first = json(board.delta());
        assertEquals(1, first.get("cells").size());
        assertEquals(4, first.get("global").size());
        assertEquals(2.0, first.get("global").get(0).get("dl").asDouble(), 1e-9, "dead letters per second");
        JsonNode second = json(board.delta());
        assertEquals(0, second.get("cells").size(), "nothing new since the last delta");
        assertEquals(0, second.get("global").size());
        assertNull(board.history(5));
    }

    @Test
    void theGridGrowsForAHigherChannel() throws Exception {
        assertEquals(16, json(board.snapshot()).get("grid_channels").asInt());
        board.add(record(40, 1000, 3));
        assertEquals(41, json(board.snapshot()).get("grid_channels").asInt());
    }

    @Test
    void theStatusSaysWhetherMetricsArriveAndWhetherKafkaAnswers() throws Exception {
        assertEquals(MetricsBoard.Status.WAITING, board.status());
        board.add(record(1, 1000, 3));
        assertEquals(MetricsBoard.Status.LIVE, board.status());
        now.addAndGet(10_001);
        assertEquals(MetricsBoard.Status.QUIET, board.status());
        assertTrue(json(board.delta()).get("status").get("message").asText().startsWith("No metrics for 10 s"));
        board.reachable(false, "no broker at b");
        assertEquals(MetricsBoard.Status.UNREACHABLE, board.status());
        assertEquals("Kafka unreachable: no broker at b",
                json(board.delta()).get("status").get("message").asText());
        board.reachable(true, "");
        board.add(record(1, 2000, 3));
        assertEquals(MetricsBoard.Status.LIVE, board.status());
    }
}
