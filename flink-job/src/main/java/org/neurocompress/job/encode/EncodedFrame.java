package org.neurocompress.job.encode;

/** A frame ready for the frames topic: its channel (the record key) and its serialised bytes. */
public record EncodedFrame(int channel, long firstSampleIndex, int sampleCount, byte[] bytes) {
}
