package org.neurocompress.eval;

/** An excerpt of one channel, original and decoded, for the waveform plot. */
public record Waveform(String file, int channel, long firstSample, int sampleRate, short[] original,
        short[] decoded) {
}
