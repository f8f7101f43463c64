package org.neurocompress.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.neurocompress.codec.Codec;
import org.neurocompress.codec.FrameDecoder;
import org.neurocompress.codec.FrameEncoder;
import org.neurocompress.frame.Frame;
import org.neurocompress.frame.FrameReader;
import org.neurocompress.frame.FrameWriter;
import org.neurocompress.metrics.QualityAccumulator;
import org.neurocompress.wav.WavFormat;
import org.neurocompress.wav.WavReader;

/**
 * Encodes recordings into frames and decodes them back, exactly as a receiver would (through the serialised
 * bytes), measuring quality over the whole recording and per segment, and the time spent on each side.
 */
public final class Evaluator {
    private static final int WAVEFORM_SAMPLES = 2048;

    private final Codec codec;
    private final Consumer<String> warnings;

    public Evaluator(Codec codec, Consumer<String> warnings) {
        this.codec = codec;
        this.warnings = warnings;
    }

    /**
     * Evaluates every file at one level. A file that cannot be read is skipped, named and counted, so one bad
     * recording does not lose the whole run.
     *
     * @param afterEachFile called once per file, for progress
     */
    public LevelEvaluation evaluate(List<Path> files, int level, Runnable afterEachFile) throws IOException {
        FrameEncoder encoder = new FrameEncoder(codec, level);
        FrameDecoder decoder = new FrameDecoder(codec);
        SegmentDistributions segments = new SegmentDistributions();
        List<FileEvaluation> results = new ArrayList<>();
        List<LevelEvaluation.SkippedFile> skipped = new ArrayList<>();
        Waveform[] waveform = new Waveform[1];
        for (Path file : files) {
            try {
                results.add(evaluateFile(file, encoder, decoder, segments, waveform));
            } catch (IOException e) {
                skipped.add(new LevelEvaluation.SkippedFile(file.toString(), e.getMessage()));
                warnings.accept("skipped " + e.getMessage());
            }
            afterEachFile.run();
        }
        if (results.isEmpty()) {
            throw new IOException("none of the " + files.size() + " input files could be evaluated (first: "
                    + skipped.get(0).reason() + ")");
        }
        return new LevelEvaluation(level, codec.level(level).nominalRatio(), results, segments, waveform[0],
                skipped);
    }

    private FileEvaluation evaluateFile(Path file, FrameEncoder encoder, FrameDecoder decoder,
            SegmentDistributions segments, Waveform[] waveform) throws IOException {
        try (WavReader reader = WavReader.open(file)) {
            WavFormat format = reader.format();
            int perFrame = encoder.samplesPerFrame();
            int segmentLength = codec.segmentLength();
            short[][] block = new short[format.channels()][perFrame];
            QualityAccumulator[] channels = new QualityAccumulator[format.channels()];
            Arrays.setAll(channels, c -> new QualityAccumulator());
            long bytes = 0;
            long encodeNanos = 0;
            long decodeNanos = 0;
            long middle = format.frames() / 2;
            for (long first = 0; first < format.frames(); first += perFrame) {
                int length = reader.read(block, 0, perFrame);
                for (int c = 0; c < format.channels(); c++) {
                    long t0 = System.nanoTime();
                    Frame frame = encoder.encode(c, first, format.sampleRate(), block[c], 0, length);
                    byte[] wire = FrameWriter.toBytes(frame);
                    long t1 = System.nanoTime();
                    short[] decoded = decoder.decode(FrameReader.parse(wire));
                    long t2 = System.nanoTime();
                    encodeNanos += t1 - t0;
                    decodeNanos += t2 - t1;
                    bytes += wire.length;
                    channels[c].add(block[c], 0, decoded, 0, length);
                    for (int s = 0; s < length; s += segmentLength) {
                        int n = Math.min(segmentLength, length - s);
                        QualityAccumulator segment = new QualityAccumulator();
                        segment.add(block[c], s, decoded, s, n);
                        segments.add(segment.result(Math.max(1, Math.round((double) wire.length * n / length))));
                    }
                    if (waveform[0] == null && c == 0 && middle < first + length) {
                        int start = (int) Math.max(0, Math.min(middle - first, length - WAVEFORM_SAMPLES));
                        int n = Math.min(WAVEFORM_SAMPLES, length - start);
                        waveform[0] = new Waveform(file.getFileName().toString(), 0, first + start,
                                format.sampleRate(), Arrays.copyOfRange(block[c], start, start + n),
                                Arrays.copyOfRange(decoded, start, start + n));
                    }
                }
            }
            QualityAccumulator total = new QualityAccumulator();
            for (QualityAccumulator channel : channels) {
                total.merge(channel);
            }
            return new FileEvaluation(file.toString(), format.channels(), total.count(), total.result(bytes),
                    encodeNanos, decodeNanos);
        }
    }
}
