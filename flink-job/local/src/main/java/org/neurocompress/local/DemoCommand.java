package org.neurocompress.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.neurocompress.codec.Codec;
import org.neurocompress.codec.Codecs;
import org.neurocompress.codec.FrameDecoder;
import org.neurocompress.eval.Aggregate;
import org.neurocompress.eval.FileEvaluation;
import org.neurocompress.eval.LevelEvaluation;
import org.neurocompress.eval.Plots;
import org.neurocompress.eval.SegmentDistributions;
import org.neurocompress.eval.Waveform;
import org.neurocompress.frame.Frame;
import org.neurocompress.frame.FrameReader;
import org.neurocompress.job.JobConfig;
import org.neurocompress.kafka.client.KafkaClientConfig;
import org.neurocompress.kafka.client.KafkaClients;
import org.neurocompress.kafka.replay.ReplayOptions;
import org.neurocompress.kafka.replay.ReplaySource;
import org.neurocompress.kafka.replay.Replayer;
import org.neurocompress.kafka.topics.Topics;
import org.neurocompress.kafka.watch.MetricsView;
import org.neurocompress.kafka.watch.MetricsWatcher;
import org.neurocompress.kafka.watch.web.MetricsBoard;
import org.neurocompress.kafka.watch.web.WebDefaults;
import org.neurocompress.kafka.watch.web.WebView;
import org.neurocompress.kafka.wire.MetricsRecord;
import org.neurocompress.metrics.QualityAccumulator;
import org.neurocompress.metrics.SpikeAccumulator;
import org.neurocompress.metrics.SpikeFidelity;
import org.neurocompress.synth.SyntheticElectrode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", description = "The whole system on this machine: a local Kafka broker, the job in a Flink "
        + "MiniCluster, replay at real-time pace, the live metrics view; then a summary and a report. Cleans up "
        + "after itself, also on Ctrl-C.")
public final class DemoCommand implements Callable<Integer> {
    private static final String CLEAR = "\033[H\033[2J";

    @Option(names = "--channels", defaultValue = "16", description = "Default: ${DEFAULT-VALUE}.")
    int channels;

    @Option(names = "--duration", defaultValue = "20", description = "Seconds of signal. Default: ${DEFAULT-VALUE}.")
    double duration;

    @Option(names = "--recordings", paramLabel = "DIR", description = "Replay these WAV files instead of generated "
            + "electrodes.")
    Path recordings;

    @Option(names = "--codec", defaultValue = Codecs.DEFAULT, description = "Default: ${DEFAULT-VALUE}.")
    String codec;

    @Option(names = "--level", description = "Default: the codec's default level.")
    Integer level;

    @Option(names = "--report", paramLabel = "DIR", defaultValue = "demo-report",
            description = "Folder for summary.json and the plots. Default: ${DEFAULT-VALUE}.")
    Path report;

    @Option(names = "--no-watch", description = "Do not show the live view.")
    boolean noWatch;

    @Option(names = "--prometheus-port", paramLabel = "PORT", description = "Serve the job's Flink metrics for "
            + "Prometheus at http://localhost:PORT/metrics while the demo runs.")
    Integer prometheusPort;

    @Option(names = "--web", description = "Serve the live web view (as watch --web) while the demo runs, and put a "
            + "screenshot of it in the report folder (web-view.png) when Chromium is installed.")
    boolean web;

    @Option(names = "--web-port", paramLabel = "PORT", defaultValue = "8080", description = "Port of the web view. "
            + "Default: ${DEFAULT-VALUE}.")
    int webPort;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private WebView webView;

    @Override
    public Integer call() throws Exception {
        if (channels < 1 || !(duration > 0)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--channels and --duration must be positive");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        AtomicBoolean stopping = new AtomicBoolean();
        LocalSystem system = LocalSystem.start(2);
        MetricsWatcher[] watcher = new MetricsWatcher[1];
        Replayer[] replayer = new Replayer[1];
        Thread cleanup = new Thread(() -> {
            if (stopping.compareAndSet(false, true)) {
                err.println("demo: stopping...");
                if (replayer[0] != null) {
                    replayer[0].stop();
                }
                if (watcher[0] != null) {
                    watcher[0].stop();
                }
                system.close();
            }
        }, "demo-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            KafkaClientConfig kafka = system.kafka();
            Topics topics = system.topics();
            JobConfig config = system.jobConfig(spec.commandLine(), codec, level, "--metrics-window-ms", "5000");
            ReplaySource source = recordings == null ? ReplaySource.synthetic(channels, Math.min(duration, 10), 1)
                    : ReplaySource.recordings(List.of(recordings));
            err.printf("demo: broker at %s; job: %s level %d, %d samples per frame; replaying %s as %d channel(s) "
                    + "for %.0f s in real time%n", system.bootstrapServers(), config.codec(), config.level(),
                    config.samplesPerFrame(), source.description(), channels, duration);

            system.startJob(config, 2, prometheusPort);

            replayer[0] = new Replayer(kafka, topics.samples());
            CompletableFuture<?> replay = CompletableFuture.runAsync(() -> {
                try {
                    replayer[0].run(source, new ReplayOptions(channels, duration, true, 256, Math.min(channels, 1024),
                            0), p -> { });
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            List<MetricsRecord> history = new ArrayList<>();
            MetricsView view = new MetricsView();
            MetricsBoard board = WebDefaults.board(Math.max(channels, 1), topics.metrics() + " (demo)");
            if (web) {
                webView = WebView.start(board, webPort, WebDefaults.PUSH_MILLIS);
                err.printf("demo: web view at http://localhost:%d/%n", webView.port());
            }
            watcher[0] = new MetricsWatcher(kafka, topics.metrics());
            replay.whenComplete((v, e) -> new Thread(() -> {
                sleep(config.idleFlushMillis() + 2 * config.checkpointMillis() + 3000);
                if (webView != null && !stopping.get()) {
                    screenshot(err); // while the last windows still arrive: the page as it looked live
                }
                watcher[0].stop();
            }).start());
            watcher[0].run(true, null, Long.MAX_VALUE, Duration.ofSeconds(1), r -> {
                view.add(r);
                board.add(r);
                history.add(r);
            }, m -> view.malformed(), () -> {
                if (!noWatch) {
                    out.print((System.console() != null ? CLEAR : "\n") + view.render(topics.metrics() + " (demo)",
                            10));
                    out.flush();
                }
            });
            replay.join();
            if (stopping.get()) {
                return 1;
            }
            summarize(kafka, topics, config, source, history, out);
            return 0;
        } finally {
            if (webView != null) {
                webView.close();
            }
            if (stopping.compareAndSet(false, true)) {
                system.close();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running and cleans up
            }
        }
    }

    private void screenshot(PrintWriter err) {
        StringBuilder why = new StringBuilder();
        Path png = report.resolve("web-view.png");
        try {
            if (BrowserScreenshot.take("http://localhost:" + webView.port() + "/?still", png, why)) {
                err.println("demo: web view screenshot " + png);
                return;
            }
        } catch (IOException | InterruptedException e) {
            why.append(e.getMessage());
        }
        err.println("demo: no web view screenshot: " + why);
    }

    /** Spike figures of a demo channel cover at most its first 3.6 minutes (at 19 531 Hz). */
    private static final int SPIKE_SAMPLES_PER_CHANNEL = 1 << 22;

    private void summarize(KafkaClientConfig kafka, Topics topics, JobConfig config, ReplaySource source,
            List<MetricsRecord> history, PrintWriter out) throws Exception {
        Map<Integer, TreeMap<Long, Frame>> frames = new TreeMap<>();
        long frameCount = 0;
        long bytes = 0;
        for (ConsumerRecord<byte[], byte[]> r : KafkaClients.readToEnd(kafka, topics.frames(), Duration.ofSeconds(30))) {
            Frame f = FrameReader.parse(r.value());
            frames.computeIfAbsent(f.channel(), c -> new TreeMap<>()).put(f.firstSampleIndex(), f);
            frameCount++;
            bytes += r.value().length;
        }
        long deadLetters = KafkaClients.readToEnd(kafka, topics.deadLetters(), Duration.ofSeconds(30)).size();
        List<FileEvaluation> perChannel = new ArrayList<>();
        Waveform waveform = null;
        long samples = 0;
        try (Codec c = Codecs.create(config.codec(), Optional.ofNullable(config.modelDir()).map(Path::of))) {
            FrameDecoder decoder = new FrameDecoder(c);
            for (Map.Entry<Integer, TreeMap<Long, Frame>> e : frames.entrySet()) {
                QualityAccumulator acc = new QualityAccumulator();
                SpikeAccumulator spikes = new SpikeAccumulator(SPIKE_SAMPLES_PER_CHANNEL);
                int sampleRate = SyntheticElectrode.N1_SAMPLE_RATE;
                long channelBytes = 0;
                for (Frame f : e.getValue().values()) {
                    short[] decoded = decoder.decode(f);
                    short[] original = new short[decoded.length];
                    for (int i = 0; i < original.length; i++) {
                        short[] loop = source.loop(e.getKey());
                        original[i] = loop[(int) ((f.firstSampleIndex() + i) % loop.length)];
                    }
                    acc.add(original, decoded);
                    spikes.add(original, 0, decoded, 0, decoded.length);
                    sampleRate = f.sampleRate();
                    channelBytes += org.neurocompress.frame.FrameWriter.toBytes(f).length;
                    if (waveform == null && decoded.length >= 2048) {
                        waveform = new Waveform("channel " + e.getKey(), e.getKey(), f.firstSampleIndex(),
                                f.sampleRate(), java.util.Arrays.copyOf(original, 2048),
                                java.util.Arrays.copyOf(decoded, 2048));
                    }
                }
                samples += acc.count();
                perChannel.add(new FileEvaluation("channel-" + e.getKey(), 1, acc.count(), acc.result(channelBytes),
                        spikes.result(SpikeFidelity.Filters.of(sampleRate)), spikes.samples(), 0, 0));
            }
        }
        LevelEvaluation evaluation = new LevelEvaluation(config.level(), 0, perChannel, new SegmentDistributions(),
                waveform, null, List.of());
        ObjectNode summary = new ObjectMapper().createObjectNode();
        summary.put("codec", config.codec());
        summary.put("level", config.level());
        summary.put("channels", frames.size());
        summary.put("frames", frameCount);
        summary.put("samples", samples);
        summary.put("frame_bytes", bytes);
        summary.put("dead_letters", deadLetters);
        summary.put("metrics_records", history.size());
        ObjectNode aggregate = Aggregate.toJson(evaluation);
        aggregate.remove("encode_samples_per_second");
        aggregate.remove("decode_samples_per_second");
        summary.set("aggregate", aggregate);
        Files.createDirectories(report);
        org.neurocompress.io.AtomicFile.write(report.resolve("summary.json"), new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(summary));
        plot(history, evaluation, waveform);
        out.printf(Locale.ROOT, "%ndemo: %d frames, %d samples from %d channels, %d dead letters; median over channels: "
                + "ratio %.1f, SNR %s, SSIM %s, spike F1 %s -> %s%n", frameCount, samples, frames.size(), deadLetters,
                Aggregate.summary(evaluation, "compression_ratio").median(),
                median(evaluation, "snr_db", "%.2f dB"), median(evaluation, "ssim", "%.3f"),
                median(evaluation, "spike_f1", "%.3f"), report.resolve("summary.json"));
        out.flush();
    }

    private void plot(List<MetricsRecord> history, LevelEvaluation evaluation, Waveform waveform) throws Exception {
        List<MetricsRecord> global = history.stream().filter(MetricsRecord::isGlobal)
                .sorted(Comparator.comparingLong(MetricsRecord::windowEndMs)).toList();
        if (!global.isEmpty()) {
            long t0 = global.get(0).windowEndMs();
            Map<String, List<double[]>> curves = new TreeMap<>();
            for (MetricsRecord r : global) {
                if (r.snrDb() != null) {
                    curves.computeIfAbsent("global SNR (dB)", k -> new ArrayList<>()).add(new double[] {
                        (r.windowEndMs() - t0) / 1000.0, r.snrDb()});
                }
            }
            Plots.timeSeries(report.resolve("metrics_over_time.png"), "Rolling global SNR", "seconds", "SNR (dB)",
                    curves);
        }
        Plots.histogram(report.resolve("channels_snr_db.png"), "SNR per channel", "snr_db", evaluation.files()
                .stream().map(f -> f.metrics().snrDb()).toList());
        if (waveform != null) {
            Plots.waveform(report.resolve("waveform.png"), "demo: " + waveform.file(), waveform);
        }
    }

    private static String median(LevelEvaluation evaluation, String metric, String format) {
        Double m = Aggregate.summary(evaluation, metric).median();
        return m == null ? "exact" : String.format(Locale.ROOT, format, m);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
