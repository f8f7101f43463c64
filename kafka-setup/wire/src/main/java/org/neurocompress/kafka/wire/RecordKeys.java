package org.neurocompress.kafka.wire;

import java.nio.charset.StandardCharsets;

/**
 * Record keys: they decide the partition, so all records of one channel stay in order. Samples records are keyed
 * by {@code device/firstChannel}, frames and per-channel metrics by the channel number, global metrics by
 * {@code global}. UTF-8 text, readable in any Kafka tool.
 */
public final class RecordKeys {
    public static final byte[] GLOBAL = "global".getBytes(StandardCharsets.UTF_8);

    private RecordKeys() {
    }

    public static byte[] samples(long deviceId, int firstChannel) {
        return (deviceId + "/" + firstChannel).getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] channel(int channel) {
        return Integer.toString(channel).getBytes(StandardCharsets.UTF_8);
    }
}
