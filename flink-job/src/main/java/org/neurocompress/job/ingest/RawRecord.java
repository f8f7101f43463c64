package org.neurocompress.job.ingest;

/** A Kafka record as read, before any parsing: where it came from and its bytes. */
public record RawRecord(String topic, int partition, long offset, byte[] key, byte[] value) {
}
