package org.neurocompress.kafka.watch.web;

import io.javalin.Javalin;
import io.javalin.http.sse.SseClient;
import io.javalin.http.staticfiles.Location;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The live page of {@code watch --web}: the page and its chart library from the jar, a board snapshot when a page
 * opens, then one delta a push interval for every open page (server-sent events). A delta is built once per push
 * whatever the number of pages; a page that closes is dropped at once.
 */
public final class WebView implements AutoCloseable {
    private final MetricsBoard board;
    private final Javalin app;
    private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService pusher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "web-view-push");
        t.setDaemon(true);
        return t;
    });

    private WebView(MetricsBoard board, int port, long pushMillis) {
        this.board = board;
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/web";
                files.location = Location.CLASSPATH;
            });
            config.staticFiles.enableWebjars();
        });
        app.get("/channel/{channel}", ctx -> {
            int channel;
            try {
                channel = Integer.parseInt(ctx.pathParam("channel"));
            } catch (NumberFormatException e) {
                ctx.status(400).result("channel must be a number");
                return;
            }
            String history = board.history(channel);
            if (history == null) {
                ctx.status(404).result("no metrics for channel " + channel);
            } else {
                ctx.contentType("application/json").result(history);
            }
        });
        app.sse("/events", client -> {
            client.keepAlive();
            client.onClose(() -> clients.remove(client));
            client.sendEvent("board", board.snapshot());
            clients.add(client);
        });
        app.start("0.0.0.0", port);
        pusher.scheduleWithFixedDelay(this::push, pushMillis, pushMillis, TimeUnit.MILLISECONDS);
    }

    /** Serves {@code board} on {@code port} (0: any free port), pushing every {@code pushMillis}. */
    public static WebView start(MetricsBoard board, int port, long pushMillis) {
        return new WebView(board, port, pushMillis);
    }

    public int port() {
        return app.port();
    }

    /** Pages open now. */
    public int pages() {
        return clients.size();
    }

    private void push() {
        String delta = board.delta();
        for (SseClient client : clients) {
            if (client.terminated()) {
                clients.remove(client);
                continue;
            }
            try {
                client.sendEvent("board", delta);
            } catch (RuntimeException e) {
                clients.remove(client); // a page gone mid-write
            }
        }
    }

    @Override
    public void close() {
        pusher.shutdownNow();
        clients.forEach(SseClient::close);
        app.stop();
    }
}
