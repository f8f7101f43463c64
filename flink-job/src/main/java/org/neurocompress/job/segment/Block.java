package org.neurocompress.job.segment;

/**
 * Samples of one channel ready to become one frame: {@code samples.length} consecutive samples from
 * {@code firstSampleIndex}. A full block covers one cell of the grid of block-length cells aligned on the absolute
 * sample index; a block closed by a gap, a change of sample rate or an idle flush is shorter.
 */
public record Block(int channel, long firstSampleIndex, int sampleRate, short[] samples, long closedAtMillis) {

    /** A block closed now. */
    public Block(int channel, long firstSampleIndex, int sampleRate, short[] samples) {
        this(channel, firstSampleIndex, sampleRate, samples, System.currentTimeMillis());
    }
}
