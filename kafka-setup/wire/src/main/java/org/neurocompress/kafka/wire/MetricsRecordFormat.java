package org.neurocompress.kafka.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.IOException;

/** Metrics record value, version 2 (reads 1): one JSON object (docs/formats.md). */
public final class MetricsRecordFormat {
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
            .configure(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES, true);
    private static final String[] REQUIRED = {"schema_version", "scope", "window_start_ms", "window_end_ms",
        "frames", "samples", "compression_ratio", "codec", "level"};

    private MetricsRecordFormat() {
    }

    public static byte[] toBytes(MetricsRecord record) {
        try {
            return JSON.writeValueAsBytes(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String toJson(MetricsRecord record) {
        return new String(toBytes(record), java.nio.charset.StandardCharsets.UTF_8);
    }

    public static MetricsRecord parse(byte[] bytes) throws MalformedRecordException {
        if (bytes == null || bytes.length == 0) {
            throw new MalformedRecordException("empty metrics record");
        }
        JsonNode node;
        try {
            node = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new MalformedRecordException("metrics record is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new MalformedRecordException("metrics record is not JSON: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw new MalformedRecordException("metrics record is not a JSON object");
        }
        for (String field : REQUIRED) {
            if (!node.hasNonNull(field)) {
                throw new MalformedRecordException("metrics record lacks '" + field + "'");
            }
        }
        int version = node.get("schema_version").asInt();
        if (version < MetricsRecord.OLDEST_SCHEMA_VERSION || version > MetricsRecord.SCHEMA_VERSION) {
            throw new MalformedRecordException("unsupported metrics schema version " + version + " (this reader knows "
                    + MetricsRecord.OLDEST_SCHEMA_VERSION + " to " + MetricsRecord.SCHEMA_VERSION + ")");
        }
        if (version == 1) {
            for (String field : MetricsRecord.SPIKE_FIELDS) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) node).putNull(field);
            }
        }
        try {
            MetricsRecord record = JSON.treeToValue(node, MetricsRecord.class);
            if (!record.isGlobal() && !MetricsRecord.SCOPE_CHANNEL.equals(record.scope())) {
                throw new MalformedRecordException("unknown metrics scope '" + record.scope() + "'");
            }
            if (!record.isGlobal() && record.channel() == null) {
                throw new MalformedRecordException("channel metrics record lacks 'channel'");
            }
            return record;
        } catch (JsonProcessingException e) {
            throw new MalformedRecordException("malformed metrics record: " + e.getOriginalMessage());
        }
    }
}
