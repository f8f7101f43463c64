package org.neurocompress.kafka.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MetricsRecordFormatTest {
    static MetricsRecord channel(int channel, Double snr) {
        return MetricsRecord.builder().channel(channel).window(1000, 11_000)
                .volume(20, 40960, 210, 2.0, 0)
                .quality(195.0, snr, snr == null ? null : snr - 1, 40.0, 1e-4, 0.08, 0.9).latency(55.0, 120.0)
                .codec("dct", 5, null)
                .spikes(5, 5, 4, 0.8, 0.8, 0.8, snr == null ? null : 21.0, snr == null ? null : 7.0)
                .build();
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
    void rejectsWhatIsNotAVersion1Or2MetricsRecord() {
        assertReason("not json", "metrics record is not JSON");
        assertReason("[1,2]", "not a JSON object");
        assertReason("{\"schema_version\":1}", "lacks 'scope'");
        String v3 = MetricsRecordFormat.toJson(channel(1, 3.0)).replace("\"schema_version\":2", "\"schema_version\":3");
        assertReason(v3, "unsupported metrics schema version 3");
        String scope = MetricsRecordFormat.toJson(channel(1, 3.0)).replace("\"channel\",", "\"device\",");
        assertReason(scope, "unknown metrics scope 'device'");
        String noChannel = MetricsRecordFormat.toJson(channel(1, 3.0)).replace("\"channel\":1,", "\"channel\":null,");
        assertReason(noChannel, "channel metrics record lacks 'channel'");
    }

    @Test
    void readsAVersion1RecordWithTheSpikeFiguresNull() throws Exception {
        String v1 = "{\"schema_version\":1,\"scope\":\"global\",\"channel\":null,\"window_start_ms\":0,"
                + "\"window_end_ms\":10000,\"frames\":4,\"samples\":8192,\"bytes\":80,\"compression_ratio\":204.8,"
                + "\"snr_db\":9.1,\"snr_ac_db\":6.0,\"psnr_db\":35.0,\"mse\":1e-4,\"ssim\":0.9,"
                + "\"bits_per_sample\":0.08,\"latency_ms_p50\":40.0,\"latency_ms_p99\":90.0,"
                + "\"frames_per_second\":0.4,\"dead_letters\":0,\"codec\":\"vqcae\",\"level\":5,\"model\":null}";
        MetricsRecord r = MetricsRecordFormat.parse(v1.getBytes(StandardCharsets.UTF_8));
        assertEquals(1, r.schemaVersion());
        assertEquals(9.1, r.snrDb());
        assertNull(r.spikeF1());
        assertNull(r.spikesOriginal());
    }

    private static void assertReason(String json, String expected) {
        MalformedRecordException e = assertThrows(MalformedRecordException.class,
                () -> MetricsRecordFormat.parse(json.getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains(expected), "'" + e.getMessage() + "' lacks '" + expected + "'");
    }
}
