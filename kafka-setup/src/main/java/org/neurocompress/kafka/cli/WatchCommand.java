package org.neurocompress.kafka.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.neurocompress.kafka.client.KafkaClientConfig;
import org.neurocompress.kafka.client.KafkaOptions;
import org.neurocompress.kafka.watch.MetricsView;
import org.neurocompress.kafka.watch.MetricsWatcher;
import org.neurocompress.kafka.watch.web.MetricsBoard;
import org.neurocompress.kafka.watch.web.WebDefaults;
import org.neurocompress.kafka.watch.web.WebView;
import org.neurocompress.kafka.watch.web.WebWatch;
import org.neurocompress.kafka.wire.MetricsRecordFormat;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "watch", description = "Tail the metrics topic: a live view of the global figures and the worst "
        + "channels, or JSON lines for scripts.")
final class WatchCommand implements Callable<Integer> {
    private static final String CLEAR = "\033[H\033[2J";

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--json", description = "Print every metrics record as one JSON line instead of the view.")
    boolean json;

    @Option(names = "--worst", defaultValue = "10", description = "Channels listed. Default: ${DEFAULT-VALUE}.")
    int worst;

    @Option(names = "--from-beginning", description = "Read the topic's history first.")
    boolean fromBeginning;

    @Option(names = "--duration", paramLabel = "S", description = "Stop after S seconds (default: until Ctrl-C).")
    Double duration;

    @Option(names = "--max-records", paramLabel = "N", description = "Stop after N records.")
    Long maxRecords;

    @Option(names = "--refresh", paramLabel = "S", defaultValue = "1", description = "Seconds between redraws.")
    double refresh;

    @Option(names = "--web", description = "Serve a live page instead: the channel grid coloured by a chosen metric, "
            + "rolling charts of the global figures, the codec in use, a banner when metrics stop or Kafka is gone.")
    boolean web;

    @Option(names = "--port", defaultValue = "8080", description = "Port of the page with --web (0: any free port). "
            + "Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--grid-channels", defaultValue = "1024", description = "Cells of the page's grid at first (it "
            + "grows when a higher channel arrives). Default: ${DEFAULT-VALUE} (32 x 32).")
    int gridChannels;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        KafkaClientConfig config = kafka.clientConfig(spec.commandLine());
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        MetricsView view = new MetricsView();
        MetricsWatcher watcher = new MetricsWatcher(config, kafka.topics().metrics());
        String source = kafka.topics().metrics() + " at " + config.describe();
        boolean terminal = System.console() != null;
        if (web) {
            return serve(config, source, out);
        }
        try (Interrupts interrupts = new Interrupts(watcher::stop)) {
            watcher.run(fromBeginning, duration == null ? null : Duration.ofMillis((long) (duration * 1000)),
                    maxRecords == null ? Long.MAX_VALUE : maxRecords, Duration.ofMillis((long) (refresh * 1000)),
                    record -> {
                        view.add(record);
                        if (json) {
                            out.println(MetricsRecordFormat.toJson(record));
                            out.flush();
                        }
                    },
                    problem -> {
                        view.malformed();
                        err.println("watch: malformed metrics record " + problem);
                    },
                    () -> {
                        if (!json) {
                            out.print((terminal ? CLEAR : "\n") + view.render(source, worst));
                            out.flush();
                        }
                    });
        }
        return 0;
    }

    private int serve(KafkaClientConfig config, String source, PrintWriter out) throws Exception {
        if (gridChannels < 1 || gridChannels > 65536) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--grid-channels must be in 1..65536, got "
                    + gridChannels);
        }
        MetricsBoard board = WebDefaults.board(gridChannels, source);
        java.util.concurrent.CountDownLatch stop = new java.util.concurrent.CountDownLatch(1);
        try (WebView view = WebView.start(board, port, WebDefaults.PUSH_MILLIS);
                WebWatch feed = new WebWatch(config, kafka.topics().metrics(), board, fromBeginning,
                        WebDefaults.PROBE_INTERVAL).start();
                Interrupts interrupts = new Interrupts(stop::countDown)) {
            out.println("watch: web view at http://localhost:" + view.port() + "/ of " + source
                    + " (Ctrl-C stops)");
            out.flush();
            if (duration == null) {
                stop.await();
            } else {
                stop.await((long) (duration * 1000), java.util.concurrent.TimeUnit.MILLISECONDS);
            }
        }
        return 0;
    }
}
