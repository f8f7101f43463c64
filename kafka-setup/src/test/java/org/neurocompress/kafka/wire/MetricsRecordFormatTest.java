package org.neurocompress.kafka.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MetricsRecordFormatTest {
    static MetricsRecord channel(int channel, Double snr) {
        return new MetricsRecord(1, "channel", channel, 1000, 11_000, 20, 40960, 210, 195.0, snr, snr == null ? null
                : snr - 1, 40.0, 1e-4, 0.08, 0.9, 55.0, 120.0, 2.0, 0, "dct", 5, null);
    }

    @Test
    void roundTripsWithSnakeCaseNamesAndNulls() throws Exception {
        MetricsRecord r = channel(3, null);
        String json = MetricsRecordFormat.toJson(r);
        assertTrue(json.contains("\"compression_ratio\":195.0"), json);
        assertTrue(json.contains("\"snr_db\":null"), json);
        assertTrue(json.contains("\"latency_ms_p99\":120.0"), json);
        MetricsRecord back = MetricsRecordFormat.parse(json.getBytes(StandardCharsets.UTF_8));
        assertEquals(r, back);
        assertNull(back.snrDb());
    }

    @Test
    void rejectsWhatIsNotAVersion1MetricsRecord() {
        assertReason("not json", "metrics record is not JSON");
        assertReason("[1,2]", "not a JSON object");
        assertReason("{\"schema_version\":1}", "lacks 'scope'");
        String v2 = MetricsRecordFormat.toJson(channel(1, 3.0)).replace("\"schema_version\":1", "\"schema_version\":2");
        assertReason(v2, "unsupported metrics schema version 2");
        String scope = MetricsRecordFormat.toJson(channel(1, 3.0)).replace("\"channel\",", "\"device\",");
        assertReason(scope, "unknown metrics scope 'device'");
        String noChannel = MetricsRecordFormat.toJson(channel(1, 3.0)).replace("\"channel\":1,", "\"channel\":null,");
        assertReason(noChannel, "channel metrics record lacks 'channel'");
    }

    private static void assertReason(String json, String expected) {
        MalformedRecordException e = assertThrows(MalformedRecordException.class,
                () -> MetricsRecordFormat.parse(json.getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains(expected), "'" + e.getMessage() + "' lacks '" + expected + "'");
    }
}
