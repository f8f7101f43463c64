package org.neurocompress.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.neurocompress.codec.Codec;
import org.neurocompress.codec.FrameDecoder;
import org.neurocompress.codec.FrameEncoder;
import org.neurocompress.frame.Frame;
import org.neurocompress.frame.FrameReader;
import org.neurocompress.frame.FrameWriter;
import org.neurocompress.metrics.QualityAccumulator;
import org.neurocompress.metrics.SpikeAccumulator;
import org.neurocompress.metrics.SpikeFidelity;
import org.neurocompress.wav.WavFormat;
import org.neurocompress.wav.WavReader;

/**
 * Encodes recordings into frames and decodes them back, exactly as a receiver would (through the serialised
 * bytes), measuring quality over the whole recording and per segment, spike fidelity, and the time spent on each
 * side. Files are evaluated on as many threads as there are cores; the results come in file order.
 */
public final class Evaluator {
    private static final int WAVEFORM_SAMPLES = 2048;
    /** Spike figures cover at most this many samples of all channels of a file together (128 MB of samples). */
    static final long SPIKE_SAMPLES_PER_FILE = 1L << 25;
    private static final int SPIKE_EXCERPTS = 8;
    /** Samples shown before and after a spike's threshold crossing. */
    private static final int EXCERPT_BEFORE = 30;
    private static final int EXCERPT_AFTER = 50;

    private final Codec codec;
    private final Consumer<String> warnings;
    private final int threads;

    public Evaluator(Codec codec, Consumer<String> warnings) {
        this(codec, warnings, Runtime.getRuntime().availableProcessors());
    }

    public Evaluator(Codec codec, Consumer<String> warnings, int threads) {
        this.codec = codec;
        this.warnings = warnings;
        this.threads = Math.max(1, threads);
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
        Waveform[] waveform = new Waveform[1];
        SpikeExcerpts[] excerpts = new SpikeExcerpts[1];
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, files.size()));
        List<Future<FileEvaluation>> futures = new ArrayList<>();
        try {
            for (Path file : files) {
                futures.add(pool.submit(() -> {
                    try {
                        return evaluateFile(file, encoder, decoder, segments, waveform, excerpts);
                    } finally {
                        afterEachFile.run();
                    }
                }));
            }
            List<FileEvaluation> results = new ArrayList<>();
            List<LevelEvaluation.SkippedFile> skipped = new ArrayList<>();
            for (int i = 0; i < files.size(); i++) {
                try {
                    results.add(futures.get(i).get());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof IOException io)) {
                        throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                    }
                    skipped.add(new LevelEvaluation.SkippedFile(files.get(i).toString(), io.getMessage()));
                    warnings.accept("skipped " + io.getMessage());
                }
            }
            if (results.isEmpty()) {
                throw new IOException("none of the " + files.size() + " input files could be evaluated (first: "
                        + skipped.get(0).reason() + ")");
            }
            return new LevelEvaluation(level, codec.level(level).nominalRatio(), results, segments, waveform[0],
                    excerpts[0], skipped);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Files run in parallel: the waveform shown is that of the first file in name order. */
    private static synchronized void offerWaveform(Waveform[] slot, Waveform candidate) {
        if (slot[0] == null || candidate.file().compareTo(slot[0].file()) < 0) {
            slot[0] = candidate;
        }
    }

    /** The first spikes of channel 0, of the first file (in name order) that has spikes. */
    private static void offerExcerpts(SpikeExcerpts[] slot, Path file, int sampleRate, SpikeAccumulator channel,
            SpikeFidelity.Filters filters) {
        short[][] signals = channel.signals();
        if (signals[0].length <= 3 * filters.spikeBand().padLength()) {
            return;
        }
        double[] x = new double[signals[0].length];
        for (int i = 0; i < x.length; i++) {
            x[i] = signals[0][i];
        }
        double[] banded = filters.spikeBand().filtfilt(x);
        int[] crossings = SpikeFidelity.crossings(banded, SpikeFidelity.threshold(banded, 0, banded.length),
                filters.refractory());
        List<SpikeExcerpts.Excerpt> excerpts = new ArrayList<>();
        for (int t : crossings) {
            if (t >= EXCERPT_BEFORE && t + EXCERPT_AFTER <= x.length && excerpts.size() < SPIKE_EXCERPTS) {
                excerpts.add(new SpikeExcerpts.Excerpt(t - EXCERPT_BEFORE, Arrays.copyOfRange(signals[0],
                        t - EXCERPT_BEFORE, t + EXCERPT_AFTER), Arrays.copyOfRange(signals[1], t - EXCERPT_BEFORE,
                        t + EXCERPT_AFTER)));
            }
        }
        if (excerpts.isEmpty()) {
            return;
        }
        SpikeExcerpts candidate = new SpikeExcerpts(file.getFileName().toString(), sampleRate, excerpts);
        synchronized (Evaluator.class) {
            if (slot[0] == null || candidate.file().compareTo(slot[0].file()) < 0) {
                slot[0] = candidate;
            }
        }
    }

    private FileEvaluation evaluateFile(Path file, FrameEncoder encoder, FrameDecoder decoder,
            SegmentDistributions segments, Waveform[] waveform, SpikeExcerpts[] excerpts) throws IOException {
        try (WavReader reader = WavReader.open(file)) {
            WavFormat format = reader.format();
            int perFrame = encoder.samplesPerFrame();
            int segmentLength = codec.segmentLength();
            short[][] block = new short[format.channels()][perFrame];
            QualityAccumulator[] channels = new QualityAccumulator[format.channels()];
            Arrays.setAll(channels, c -> new QualityAccumulator());
            int spikeLimit = (int) Math.min(Integer.MAX_VALUE - 8, SPIKE_SAMPLES_PER_FILE / format.channels());
            SpikeAccumulator[] spikes = new SpikeAccumulator[format.channels()];
            Arrays.setAll(spikes, c -> new SpikeAccumulator(spikeLimit));
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
                    spikes[c].add(block[c], 0, decoded, 0, length);
                    for (int s = 0; s < length; s += segmentLength) {
                        int n = Math.min(segmentLength, length - s);
                        QualityAccumulator segment = new QualityAccumulator();
                        segment.add(block[c], s, decoded, s, n);
                        segments.add(segment.result(Math.max(1, Math.round((double) wire.length * n / length))));
                    }
                    if (c == 0 && middle < first + length && middle >= first) {
                        int start = (int) Math.max(0, Math.min(middle - first, length - WAVEFORM_SAMPLES));
                        int n = Math.min(WAVEFORM_SAMPLES, length - start);
                        offerWaveform(waveform, new Waveform(file.getFileName().toString(), 0, first + start,
                                format.sampleRate(), Arrays.copyOfRange(block[c], start, start + n),
                                Arrays.copyOfRange(decoded, start, start + n)));
                    }
                }
            }
            QualityAccumulator total = new QualityAccumulator();
            for (QualityAccumulator channel : channels) {
                total.merge(channel);
            }
            SpikeFidelity.Filters filters = SpikeFidelity.Filters.of(format.sampleRate());
            List<SpikeFidelity> perChannel = new ArrayList<>();
            for (SpikeAccumulator s : spikes) {
                perChannel.add(s.result(filters));
            }
            offerExcerpts(excerpts, file, format.sampleRate(), spikes[0], filters);
            return new FileEvaluation(file.toString(), format.channels(), total.count(), total.result(bytes),
                    SpikeAccumulator.pool(perChannel), spikes[0].samples(), encodeNanos, decodeNanos);
        }
    }
}
