package org.neurocompress.kafka.client;

import java.io.IOException;

/** The broker answered and refused the client's credentials (SASL or TLS settings of --kafka-config). */
public final class KafkaAuthenticationException extends IOException {
    public KafkaAuthenticationException(KafkaClientConfig config, Throwable cause) {
        super("Kafka at " + config.bootstrapServers() + " refused authentication (" + firstLine(cause)
                + "): check the credentials in --kafka-config", cause);
    }

    private static String firstLine(Throwable cause) {
        String m = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return m.lines().findFirst().orElse(m);
    }
}
