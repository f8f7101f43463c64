package org.neurocompress.kafka.watch.web;

import java.time.Duration;
import org.neurocompress.kafka.client.KafkaClientConfig;
import org.neurocompress.kafka.client.KafkaClients;
import org.neurocompress.kafka.client.UnreachableBrokerException;
import org.neurocompress.kafka.watch.MetricsWatcher;

/**
 * Feeds a {@link MetricsBoard} from the metrics topic for as long as the page is served, through broker outages: a
 * probe asks the broker every {@code probeInterval} whether it answers (the banner), and the watcher starts again
 * whenever it could not reach the broker.
 */
public final class WebWatch implements AutoCloseable {
    private final MetricsWatcher watcher;
    private final Thread reader;
    private final Thread probe;
    private volatile boolean stopped;

    public WebWatch(KafkaClientConfig config, String topic, MetricsBoard board, boolean fromBeginning,
            Duration probeInterval) {
        this.watcher = new MetricsWatcher(config, topic);
        this.reader = new Thread(() -> {
            boolean first = true;
            while (!stopped) {
                try {
                    watcher.run(first && fromBeginning, null, Long.MAX_VALUE, Duration.ofMillis(250), board::add,
                            problem -> board.malformed(), () -> { });
                    first = false;
                } catch (Exception e) {
                    board.reachable(false, oneLine(e));
                    sleep(probeInterval);
                }
            }
        }, "web-view-kafka");
        this.probe = new Thread(() -> {
            while (!stopped) {
                try {
                    KafkaClients.checkReachable(config);
                    board.reachable(true, "");
                } catch (UnreachableBrokerException e) {
                    board.reachable(false, oneLine(e));
                } catch (Exception e) {
                    board.reachable(false, oneLine(e));
                }
                sleep(probeInterval);
            }
        }, "web-view-probe");
        reader.setDaemon(true);
        probe.setDaemon(true);
    }

    public WebWatch start() {
        reader.start();
        probe.start();
        return this;
    }

    private static String oneLine(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        watcher.stop();
        probe.interrupt();
        reader.join(10_000);
        probe.join(10_000);
    }
}
