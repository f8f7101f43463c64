package org.neurocompress.kafka.consume;

import java.io.IOException;
import java.nio.file.Path;
import org.neurocompress.io.AtomicFile;
import org.neurocompress.wav.WavWriter;

/**
 * Writes one channel's decoded frames into its WAV file in sample order. The file appears when the consumer stops
 * (a time-out, the frame limit, Ctrl-C): until then it is written under a hidden temporary name beside it, so a
 * crash leaves the previous file of that name, complete, and never half of a new one. A frame that starts after the expected
 * index leaves a gap, filled with zeros so the file keeps its time base; one that ends before it is a duplicate
 * and is dropped; one that overlaps contributes only its new samples.
 */
final class ChannelSink implements AutoCloseable {
    private final int channel;
    private final Path file;
    private final int sampleRate;
    private final AtomicFile output;
    private final WavWriter writer;
    private final long firstSampleIndex;
    private long next;
    long frames;
    long samples;
    long gaps;
    long gapSamples;
    long duplicates;

    ChannelSink(int channel, Path file, int sampleRate, long firstSampleIndex) throws IOException {
        this.channel = channel;
        this.file = file;
        this.sampleRate = sampleRate;
        this.firstSampleIndex = firstSampleIndex;
        this.next = firstSampleIndex;
        // Committed by close() when the consumer stops, also on Ctrl-C: no deletion at JVM shutdown.
        this.output = AtomicFile.create(file, false);
        try {
            this.writer = new WavWriter(output.temporary(), 1, sampleRate);
        } catch (IOException | RuntimeException e) {
            output.close();
            throw e;
        }
    }

    void write(long first, short[] decoded) throws IOException {
        long end = first + decoded.length;
        if (end <= next) {
            duplicates++;
            return;
        }
        if (first > next) {
            gaps++;
            long missing = first - next;
            gapSamples += missing;
            short[] zeros = new short[(int) Math.min(missing, 1 << 16)];
            for (long left = missing; left > 0; left -= zeros.length) {
                writer.write(new short[][] {zeros}, 0, (int) Math.min(zeros.length, left));
            }
            next = first;
        }
        int skip = (int) (next - first);
        writer.write(new short[][] {decoded}, skip, decoded.length - skip);
        samples += decoded.length - skip;
        frames++;
        next = end;
    }

    int channel() {
        return channel;
    }

    Path file() {
        return file;
    }

    int sampleRate() {
        return sampleRate;
    }

    long firstSampleIndex() {
        return firstSampleIndex;
    }

    @Override
    public void close() throws IOException {
        try {
            writer.close();
            output.commit();
        } finally {
            output.close();
        }
    }
}
