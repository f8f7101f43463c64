package org.neurocompress.kafka.wire;

import java.io.IOException;

/** A Kafka record whose bytes are not what its topic's schema says; the message is the rejection reason. */
public final class MalformedRecordException extends IOException {
    public MalformedRecordException(String reason) {
        super(reason);
    }
}
