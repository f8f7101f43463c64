package org.neurocompress.kafka.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.neurocompress.kafka.testing.LocalBrokerExtension;

/** {@code watch --web} as a user runs it: the page, its chart library from the jar, the event stream, then exit 0. */
class WatchWebCommandTest {
    @RegisterExtension
    static final LocalBrokerExtension BROKER = new LocalBrokerExtension();

    @Test
    void servesThePageItsLibraryAndTheEventStreamForItsDuration() throws Exception {
        BROKER.createTopics("ww.", 1);
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        CompletableFuture<ToolRun> watch = CompletableFuture.supplyAsync(() -> ToolRun.run("watch", "--web",
                "--port", String.valueOf(port), "--bootstrap", BROKER.bootstrapServers(), "--topic-prefix", "ww.",
                "--grid-channels", "64", "--duration", "8"));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        String base = "http://localhost:" + port;
        // A cold JVM on a busy 2-core machine can take several seconds to start the web server: wait for it by a
        // deadline, not a count of attempts (the --duration only starts once the server is up).
        HttpResponse<String> page = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (page == null && !watch.isDone() && System.nanoTime() < deadline) {
            try {
                page = http.send(HttpRequest.newBuilder(URI.create(base + "/")).build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (java.io.IOException notYet) {
                Thread.sleep(100);
            }
        }
        assertTrue(page != null, () -> "no page within 60 s; watch: " + (watch.isDone() ? watch.join().err() : "running"));
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains("live fidelity"), page.body());
        assertEquals(200, http.send(HttpRequest.newBuilder(URI.create(base + "/webjars/uplot/1.6.30/dist/"
                + "uPlot.iife.min.js")).build(), HttpResponse.BodyHandlers.discarding()).statusCode(),
                "uPlot from the WebJar in the jar (the version the page names)");
        assertEquals(200, http.send(HttpRequest.newBuilder(URI.create(base + "/app.js")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode());
        assertEquals(404, http.send(HttpRequest.newBuilder(URI.create(base + "/channel/3")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode(), "no metrics for channel 3 yet");
        HttpResponse<java.io.InputStream> events = http.send(HttpRequest.newBuilder(URI.create(base + "/events"))
                .header("Accept", "text/event-stream")
                .build(), HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(events.body(), StandardCharsets.UTF_8))) {
            assertEquals("event: board", lines.readLine());
            String data = lines.readLine();
            assertTrue(data.startsWith("data: {\"schema_version\":1,\"type\":\"snapshot\"") && data.contains("\"grid_channels\":64")
                    && data.contains("ww.metrics"), data);
        }
        ToolRun run = watch.get();
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("watch: web view at http://localhost:" + port + "/"), run.out());
    }
}
