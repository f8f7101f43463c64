package org.neurocompress.local;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.util.Collector;
import org.neurocompress.codec.Codec;
import org.neurocompress.codec.Codecs;
import org.neurocompress.codec.FrameEncoder;
import org.neurocompress.frame.Frame;
import org.neurocompress.frame.FrameWriter;
import org.neurocompress.job.JobConfig;
import org.neurocompress.job.cli.JobOptions;
import org.neurocompress.job.encode.EncodedBlock;
import org.neurocompress.job.encode.EncodedFrame;
import org.neurocompress.job.quality.QualityEvent;
import org.neurocompress.job.quality.QualityProbe;
import org.neurocompress.job.segment.Block;
import org.neurocompress.job.segment.BlockAssembler;
import org.neurocompress.job.segment.ChannelChunk;
import org.neurocompress.job.segment.ChannelChunkSerializer;
import org.neurocompress.kafka.replay.ReplaySource;
import org.neurocompress.kafka.replay.Replayer;
import org.neurocompress.kafka.wire.SamplesRecord;
import org.neurocompress.kafka.wire.SamplesRecordFormat;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Where the job's time goes per sample: its operators' own work, stage after stage in one thread on the records the
 * replay writes, each stage timed. What it leaves out (Kafka's clients and broker, Flink's network stack and
 * scheduling, garbage collection) is the difference between these figures and {@code bench e2e}'s.
 */
@Command(name = "stages", description = "The job's operators stage by stage in one thread (parse, the keyBy's "
        + "serialisation, segment, encode, frame bytes, sidecar): samples/s per core of each, and of all together.")
public final class BenchStagesCommand implements Callable<Integer> {
    /** Samples per channel in a record, as {@code bench e2e}'s replay writes them. */
    static final int PACKET_SAMPLES = 256;

    @CommandLine.Mixin
    BenchWorkload workload;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The stages, in the job's order. */
    enum Stage {
        PARSE("parse"), SHUFFLE("keyBy serialisation"), SEGMENT("segment"), ENCODE("encode"),
        FRAME_BYTES("frame bytes"), SIDECAR("sidecar");

        final String label;

        Stage(String label) {
            this.label = label;
        }
    }

    /** One run's figures: nanoseconds per stage over {@code samples} samples, and what came out. */
    public record Result(int channels, double seconds, String codec, int level, double sidecarFraction, long samples,
            long frames, long measuredFrames, Map<Stage, Long> nanos, String cpu) {
        double samplesPerSecond(Stage stage) {
            return samples / (nanos.get(stage) / 1e9);
        }

        /** One core running every stage: the inverse of the summed cost per sample. */
        double allStagesSamplesPerSecond() {
            long total = nanos.values().stream().mapToLong(Long::longValue).sum();
            return samples / (total / 1e9);
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        workload.check(spec.commandLine());
        int channels = workload.channels;
        double duration = workload.duration;
        JobConfig config = config();
        ReplaySource source = workload.source();
        err.printf("bench stages: %d channels x %.0f s (%s), %s level %d, sidecar fraction %s, one thread...%n",
                channels, duration, source.description(), config.codec(), config.level(), config.sidecarFraction());
        Result r = run(config, source, channels, duration);
        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("channels", r.channels());
            o.put("seconds", r.seconds());
            o.put("codec", r.codec());
            o.put("level", r.level());
            o.put("sidecar_fraction", r.sidecarFraction());
            o.put("samples", r.samples());
            o.put("frames", r.frames());
            o.put("measured_frames", r.measuredFrames());
            List<Map<String, Object>> stages = new ArrayList<>();
            for (Stage s : Stage.values()) {
                Map<String, Object> st = new LinkedHashMap<>();
                st.put("stage", s.label);
                st.put("samples_per_second_per_core", r.samplesPerSecond(s));
                st.put("ns_per_sample", r.nanos().get(s) / (double) r.samples());
                stages.add(st);
            }
            o.put("stages", stages);
            o.put("all_stages_samples_per_second_per_core", r.allStagesSamplesPerSecond());
            o.put("cpu", r.cpu());
            out.println(new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsString(o));
        } else {
            out.printf(Locale.ROOT, "%-22s %18s %12s%n", "stage", "M samples/s/core", "ns/sample");
            for (Stage s : Stage.values()) {
                out.printf(Locale.ROOT, "%-22s %18.2f %12.2f%n", s.label, r.samplesPerSecond(s) / 1e6,
                        r.nanos().get(s) / (double) r.samples());
            }
            out.printf(Locale.ROOT, "%-22s %18.2f %12.2f%n", "all stages, one core", r.allStagesSamplesPerSecond() / 1e6,
                    1e9 / r.allStagesSamplesPerSecond());
            out.printf(Locale.ROOT, "%d samples, %d frames, %d measured by the sidecar; %s%n", r.samples(), r.frames(),
                    r.measuredFrames(), r.cpu());
        }
        out.flush();
        return 0;
    }

    /** The job's configuration for the codec, level and sidecar asked for (its command line's defaults otherwise). */
    private JobConfig config() {
        List<String> args = new ArrayList<>(List.of("--codec", workload.codec, "--sidecar-fraction",
                Double.toString(workload.sidecarFraction)));
        if (workload.level != null) {
            args.addAll(List.of("--level", workload.level.toString()));
        }
        JobOptions options = new CommandLine(new JobOptions()).getCommand();
        CommandLine.populateCommand(options, args.toArray(String[]::new));
        return options.toConfig(spec.commandLine());
    }

    /**
     * Every record of {@code channels} channels x {@code seconds} through every stage, in the job's order; each stage's
     * calls timed. Blocks still open at the end are flushed (as the job's idle flush does) and encoded too.
     */
    static Result run(JobConfig config, ReplaySource source, int channels, double seconds) throws Exception {
        Map<Stage, Long> nanos = new java.util.EnumMap<>(Stage.class);
        for (Stage s : Stage.values()) {
            nanos.put(s, 0L);
        }
        int width = Math.min(channels, 1024);
        long perChannel = Math.round(seconds * source.sampleRate());
        BlockAssembler[] assemblers = new BlockAssembler[channels];
        for (int c = 0; c < channels; c++) {
            assemblers[c] = new BlockAssembler(c, config.samplesPerFrame(), config.reorderWindow());
        }
        ChannelChunkSerializer serializer = new ChannelChunkSerializer();
        DataOutputSerializer wire = new DataOutputSerializer(2 * width * PACKET_SAMPLES + 64);
        DataInputDeserializer wireIn = new DataInputDeserializer();
        QualityProbe probe = new QualityProbe(config.codec(), config.modelDir(), config.sidecarFraction(),
                config.samplesPerFrame());
        probe.open(null);
        long[] measured = new long[1];
        Collector<QualityEvent> events = new Collector<>() {
            @Override
            public void collect(QualityEvent event) {
                measured[0]++;
            }

            @Override
            public void close() {
            }
        };
        long samples = 0;
        long frames = 0;
        try (Codec codec = Codecs.create(config.codec(), Optional.ofNullable(config.modelDir()).map(Path::of))) {
            FrameEncoder encoder = new FrameEncoder(codec, config.level());
            List<Block> batch = new ArrayList<>(config.maxBatch());
            for (long t = 0; t < perChannel; t += PACKET_SAMPLES) {
                int k = (int) Math.min(PACKET_SAMPLES, perChannel - t);
                for (int first = 0; first < channels; first += width) {
                    int n = Math.min(width, channels - first);
                    byte[] value = Replayer.packet(source, 0, first, n, t, source.sampleRate(), k);
                    samples += (long) n * k;

                    long start = System.nanoTime();
                    SamplesRecord record = SamplesRecordFormat.parse(value);
                    short[][] perChannelSamples = record.channels();
                    List<ChannelChunk> chunks = new ArrayList<>(n);
                    for (int c = 0; c < n; c++) {
                        chunks.add(new ChannelChunk(record.firstChannel() + c, record.firstSampleIndex(),
                                record.sampleRate(), perChannelSamples[c]));
                    }
                    long parsed = System.nanoTime();
                    add(nanos, Stage.PARSE, parsed - start);

                    for (int c = 0; c < n; c++) {
                        wire.clear();
                        serializer.serialize(chunks.get(c), wire);
                        wireIn.setBuffer(wire.getSharedBuffer(), 0, wire.length());
                        chunks.set(c, serializer.deserialize(wireIn));
                    }
                    long shuffled = System.nanoTime();
                    add(nanos, Stage.SHUFFLE, shuffled - parsed);

                    for (ChannelChunk chunk : chunks) {
                        long segmentStart = System.nanoTime();
                        List<Block> blocks = assemblers[chunk.channel()].add(chunk);
                        add(nanos, Stage.SEGMENT, System.nanoTime() - segmentStart);
                        for (Block b : blocks) {
                            batch.add(b);
                            if (full(batch, config)) {
                                frames += encode(encoder, batch, probe, events, nanos);
                            }
                        }
                    }
                }
            }
            for (BlockAssembler a : assemblers) {
                long segmentStart = System.nanoTime();
                List<Block> blocks = a.flush();
                add(nanos, Stage.SEGMENT, System.nanoTime() - segmentStart);
                for (Block b : blocks) {
                    batch.add(b);
                    if (full(batch, config)) {
                        frames += encode(encoder, batch, probe, events, nanos);
                    }
                }
            }
            frames += encode(encoder, batch, probe, events, nanos);
        } finally {
            probe.close();
        }
        return new Result(channels, seconds, config.codec(), config.level(), config.sidecarFraction(), samples, frames,
                measured[0], nanos, org.neurocompress.bench.Machine.describe());
    }

    /** Whether the job's encoder would encode this batch now (its limits of blocks and of samples). */
    private static boolean full(List<Block> batch, JobConfig config) {
        long samples = 0;
        for (Block b : batch) {
            samples += b.samples().length;
        }
        return config.batchLimits().reachedBy(batch.size(), samples);
    }

    /** A batch through encode, frame bytes and the sidecar, as the job's encoder and its sidecar take it. */
    private static int encode(FrameEncoder encoder, List<Block> batch, QualityProbe probe,
            Collector<QualityEvent> events, Map<Stage, Long> nanos) throws Exception {
        if (batch.isEmpty()) {
            return 0;
        }
        List<FrameEncoder.Run> runs = new ArrayList<>(batch.size());
        for (Block b : batch) {
            runs.add(new FrameEncoder.Run(b.channel(), b.firstSampleIndex(), b.sampleRate(), b.samples()));
        }
        long start = System.nanoTime();
        List<Frame> frames = encoder.encodeBatch(runs);
        long encoded = System.nanoTime();
        add(nanos, Stage.ENCODE, encoded - start);
        List<EncodedBlock> blocks = new ArrayList<>(frames.size());
        for (int i = 0; i < frames.size(); i++) {
            Block b = batch.get(i);
            byte[] bytes = FrameWriter.toBytes(frames.get(i));
            blocks.add(new EncodedBlock(b, new EncodedFrame(b.channel(), b.firstSampleIndex(), b.samples().length,
                    bytes), 0, 0));
        }
        long written = System.nanoTime();
        add(nanos, Stage.FRAME_BYTES, written - encoded);
        for (EncodedBlock b : blocks) {
            probe.flatMap(b, events);
        }
        add(nanos, Stage.SIDECAR, System.nanoTime() - written);
        int count = batch.size();
        batch.clear();
        return count;
    }

    private static void add(Map<Stage, Long> nanos, Stage stage, long elapsed) {
        nanos.merge(stage, elapsed, Long::sum);
    }
}
