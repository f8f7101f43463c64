package org.neurocompress.job.ingest;

/** A record the job could not use, and why: what goes to the dead-letter topic. */
public record RejectedRecord(RawRecord record, String reason) {
}
