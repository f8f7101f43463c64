package org.neurocompress.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.neurocompress.codec.Codec;
import org.neurocompress.codec.FrameDecoder;
import org.neurocompress.codec.FrameEncoder;
import org.neurocompress.frame.Frame;
import org.neurocompress.frame.FrameReader;
import org.neurocompress.frame.FrameWriter;

/**
 * Measures one codec level on one thread: throughput of encoding and decoding whole frames (serialisation
 * included), and the latency of encoding a single segment, the cost a live encoder pays per segment. Each level is
 * first run for a while unmeasured, so the figures are the JIT-compiled steady state a long-running job sees.
 */
public final class CodecBenchmark {
    /** Figures of one codec level. */
    public record Result(String codec, int level, double encodeSamplesPerSecondPerCore,
            double decodeSamplesPerSecondPerCore, double encodeBatchedSamplesPerSecondPerCore,
            double segmentLatencyMsP50, double segmentLatencyMsP99, double compressionRatio, long peakRssMb,
            String signal, String cpu) {
    }

    /** Frames of as many channels encoded in one call when batched, as the stream job does by default. */
    public static final int BATCH = 64;

    /**
     * What to measure on.
     *
     * @param seconds signal per level
     * @param warmupSeconds how long each level encodes and decodes unmeasured first (at least one short pass)
     * @param latencySamples how many single segments the latency percentiles come from
     * @param measureSeconds how long each throughput figure is measured at least: passes over the signal repeat
     */
    public record Settings(int seconds, double warmupSeconds, int latencySamples, double measureSeconds) {
    }

    private final int seconds;
    private final double warmupSeconds;
    private final int latencySamples;
    private final double measureSeconds;
    private final BenchSignal source;
    private final int rate;

    public CodecBenchmark(Settings settings, BenchSignal source) {
        this.seconds = settings.seconds();
        this.warmupSeconds = settings.warmupSeconds();
        this.latencySamples = settings.latencySamples();
        this.measureSeconds = settings.measureSeconds();
        this.source = source;
        this.rate = source.sampleRate();
    }

    public Result run(Codec codec, int level) throws IOException {
        FrameEncoder encoder = new FrameEncoder(codec, level);
        FrameDecoder decoder = new FrameDecoder(codec);
        int perFrame = encoder.samplesPerFrame();
        int frames = Math.max(4, (int) Math.ceil((double) seconds * rate / perFrame));
        short[] signal = source.samples(frames * perFrame);
        // Warm-up: the JIT compiles a hot loop after thousands of runs, a few frames at the slow levels.
        long warmEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
        int warmFrames = Math.min(frames, 4);
        List<byte[]> warmWires = new ArrayList<>();
        do {
            encodePass(encoder, signal, perFrame, warmFrames, warmWires);
            decodePass(decoder, warmWires);
            batchedEncodeNanos(encoder, signal, perFrame, warmFrames);
            segmentLatencies(encoder, signal, Math.min(latencySamples, 20));
        } while (System.nanoTime() < warmEnd);
        // Each figure repeats its passes over the signal until it has run for the measuring time: a pass of a fast
        // codec over a few seconds of signal takes milliseconds, which a busy machine's noise would swamp. The
        // encoding passes leave the last pass's frames in wires, which the decoding passes read.
        List<byte[]> wires = new ArrayList<>();
        long samples = (long) frames * perFrame;
        double encode = samplesPerSecond(samples, () -> encodePass(encoder, signal, perFrame, frames, wires));
        double decode = samplesPerSecond(samples, () -> decodePass(decoder, wires));
        double batched = samplesPerSecond(samples, () -> batchedEncodeNanos(encoder, signal, perFrame, frames));
        long bytes = wires.stream().mapToLong(w -> w.length).sum();
        double[] latencies = segmentLatencies(encoder, signal, latencySamples);
        return new Result(codec.name(), level, encode, decode, batched, percentile(latencies, 50),
                percentile(latencies, 99), 2.0 * samples / bytes, peakRssMb(), source.description(),
                Machine.describe());
    }

    /** One timed pass over the signal: its nanos. */
    private interface Pass {
        long nanos() throws IOException;
    }

    /** Repeats {@code pass} until it has run for the measuring time; samples per second over all its runs. */
    private double samplesPerSecond(long samplesPerPass, Pass pass) throws IOException {
        long measuring = (long) (measureSeconds * 1e9);
        long nanos = 0;
        long passes = 0;
        do {
            nanos += pass.nanos();
            passes++;
        } while (nanos < measuring);
        return passes * samplesPerPass / (nanos / 1e9);
    }

    /** Encodes {@code frames} frames one at a time into their wire bytes ({@code wires}, emptied first); the nanos. */
    private long encodePass(FrameEncoder encoder, short[] signal, int perFrame, int frames, List<byte[]> wires) {
        wires.clear();
        long nanos = 0;
        for (int f = 0; f < frames; f++) {
            long t0 = System.nanoTime();
            byte[] wire = FrameWriter.toBytes(encoder.encode(0, (long) f * perFrame, rate, signal, f * perFrame,
                    perFrame));
            nanos += System.nanoTime() - t0;
            wires.add(wire);
        }
        return nanos;
    }

    /** Parses and decodes every frame; returns the nanos. */
    private static long decodePass(FrameDecoder decoder, List<byte[]> wires) throws IOException {
        long t0 = System.nanoTime();
        for (byte[] wire : wires) {
            Frame frame = FrameReader.parse(wire);
            decoder.decode(frame);
        }
        return System.nanoTime() - t0;
    }

    /** Encode nanos of {@code frames} frames, {@link #BATCH} per call (one inference for a learned codec). */
    private long batchedEncodeNanos(FrameEncoder encoder, short[] signal, int perFrame, int frames) {
        long nanos = 0;
        for (int first = 0; first < frames; first += BATCH) {
            List<FrameEncoder.Run> runs = new ArrayList<>();
            for (int f = first; f < Math.min(frames, first + BATCH); f++) {
                runs.add(new FrameEncoder.Run(f, (long) f * perFrame, rate,
                        Arrays.copyOfRange(signal, f * perFrame, (f + 1) * perFrame)));
            }
            long t0 = System.nanoTime();
            for (Frame frame : encoder.encodeBatch(runs)) {
                FrameWriter.toBytes(frame);
            }
            nanos += System.nanoTime() - t0;
        }
        return nanos;
    }

    private double[] segmentLatencies(FrameEncoder encoder, short[] signal, int count) {
        int s = encoder.codec().segmentLength();
        int available = signal.length / s;
        double[] ms = new double[count];
        for (int i = 0; i < count; i++) {
            int at = (i % available) * s;
            long t0 = System.nanoTime();
            encoder.encode(0, at, rate, signal, at, s);
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        return ms;
    }

    static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double rank = p / 100 * (sorted.length - 1);
        int lo = (int) Math.floor(rank);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (rank - lo) * (sorted[hi] - sorted[lo]);
    }

    /** The process's peak resident memory (VmHWM), which counts native memory the JVM heap does not. */
    public static long peakRssMb() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (java.io.IOException | NumberFormatException e) {
            // not Linux: fall back to the heap
        }
        Runtime r = Runtime.getRuntime();
        return (r.totalMemory() - r.freeMemory()) >> 20;
    }
}
