package org.neurocompress.kafka.client;

import java.io.IOException;

/** No Kafka broker answered in time at the configured address. */
public final class UnreachableBrokerException extends IOException {
    public UnreachableBrokerException(KafkaClientConfig config, Throwable cause) {
        super("cannot reach Kafka at " + config.bootstrapServers() + " within " + KafkaClientConfig.CONNECT_TIMEOUT_MS
                / 1000 + " s" + (cause == null || cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")")
                + ": is a broker running there? ('neurocompress broker' starts one; a broker that requires authentication "
                + "needs its SASL/TLS settings in --kafka-config)", cause);
    }
}
