package org.neurocompress.kafka.consume;

import java.io.IOException;
import java.nio.file.Path;
import org.neurocompress.io.AtomicFile;
import org.neurocompress.wav.WavReader;
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
        this(channel, file, sampleRate, firstSampleIndex, false);
    }

    /**
     * With {@code resume}, the new file starts with the samples of the existing one (a consumer group going on
     * where its last run stopped), which begins at {@code firstSampleIndex}; the existing file stays as it is until
     * the new one replaces it.
     */
    ChannelSink(int channel, Path file, int sampleRate, long firstSampleIndex, boolean resume) throws IOException {
        this.channel = channel;
        this.file = file;
        this.sampleRate = sampleRate;
        this.firstSampleIndex = firstSampleIndex;
        this.next = firstSampleIndex;
        // Committed by close() when the consumer stops, also on Ctrl-C: no deletion at JVM shutdown.
        this.output = AtomicFile.create(file, false);
        try {
            this.writer = new WavWriter(output.temporary(), 1, sampleRate);
            if (resume) {
                next += copyExisting();
            }
        } catch (IOException | RuntimeException e) {
            output.close();
            throw e;
        }
    }

    /** Copies the existing file's samples into the new one; returns how many. */
    private long copyExisting() throws IOException {
        try (WavReader existing = WavReader.open(file)) {
            if (existing.format().channels() != 1 || existing.format().sampleRate() != sampleRate) {
                throw new IOException(file + ": cannot go on with it: " + existing.format().channels()
                        + " channels at " + existing.format().sampleRate() + " Hz, frames of channel " + channel
                        + " are at " + sampleRate + " Hz");
            }
            short[][] chunk = new short[1][1 << 16];
            long copied = 0;
            for (int n; (n = existing.read(chunk, 0, chunk[0].length)) > 0; copied += n) {
                writer.write(chunk, 0, n);
            }
            return copied;
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
