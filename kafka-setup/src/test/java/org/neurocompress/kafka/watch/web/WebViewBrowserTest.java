package org.neurocompress.kafka.watch.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurocompress.kafka.broker.LocalBroker;
import org.neurocompress.kafka.client.KafkaClientConfig;
import org.neurocompress.kafka.client.KafkaClients;
import org.neurocompress.kafka.topics.TopicAdmin;
import org.neurocompress.kafka.topics.TopicSpec;
import org.neurocompress.kafka.topics.Topics;
import org.neurocompress.kafka.wire.MetricsRecord;
import org.neurocompress.kafka.wire.MetricsRecordFormat;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web view in a real browser (Debian's headless Chromium through its chromedriver, installed by the README's
 * test command) against a real broker: the grid follows the metrics records, the charts draw, and the banner shows
 * while the broker is gone and leaves when it is back.
 */
class WebViewBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final int CHANNELS = 1024;

    @TempDir
    Path dir;

    private int brokerPort;
    private LocalBroker broker;
    private KafkaClientConfig kafka;
    private Topics topics;
    private MetricsBoard board;
    private WebView view;
    private WebWatch feed;
    private ChromeDriver browser;

    @BeforeEach
    void start() throws Exception {
        assertTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER), "the browser test needs "
                + CHROMIUM + " and " + CHROMEDRIVER + " (Debian's chromium and chromium-driver): ./neurocompress test "
                + "installs them");
        try (ServerSocket socket = new ServerSocket(0)) {
            brokerPort = socket.getLocalPort();
        }
        broker = LocalBroker.start(dir.resolve("broker"), brokerPort);
        kafka = KafkaClientConfig.of(broker.bootstrapServers());
        topics = Topics.withPrefix("web.");
        try (Admin admin = KafkaClients.admin(kafka)) {
            new TopicAdmin(admin).create(TopicSpec.layout(topics, 1, (short) 1));
        }
        board = WebDefaults.board(CHANNELS, topics.metrics());
        view = WebView.start(board, 0, 200);
        feed = new WebWatch(kafka, topics.metrics(), board, true, Duration.ofMillis(500)).start();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // As the machine's notes prescribe: no sandbox as root, and no background connections to the internet.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,1000",
                "--user-data-dir=" + Files.createDirectories(dir.resolve("chromium-profile")));
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build(), options);
    }

    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (feed != null) {
            feed.close();
        }
        if (view != null) {
            view.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private void publish(List<MetricsRecord> records) {
        try (KafkaProducer<byte[], byte[]> producer = KafkaClients.producer(kafka, Map.of())) {
            for (MetricsRecord r : records) {
                producer.send(new ProducerRecord<>(topics.metrics(), MetricsRecordFormat.toBytes(r)));
            }
            producer.flush();
        }
    }

    private static MetricsRecord channel(int channel, long endMs, double snr, double f1) {
        return MetricsRecord.builder().channel(channel).window(endMs - 10_000, endMs).volume(40, 200_000, 2_000, 4, 0)
                .quality(200, snr, snr - 1, snr + 20, 0.001, 0.9, 0.08).latency(120.0, 340.0)
                .codec("hybrid", 5, "abcd1234").spikes(10, 10, 9, f1, 0.9, 0.9, snr + 5, 1.0).build();
    }

    private static MetricsRecord global(long endMs, double snr) {
        return MetricsRecord.builder().channel(null).window(endMs - 10_000, endMs)
                .volume(40_000, 200_000_000, 2_000_000, 4_000, 30).quality(200, snr, snr - 1, snr + 20, 0.001, 0.9, 0.08)
                .latency(120.0, 340.0).codec("hybrid", 5, "abcd1234").spikes(100, 100, 95, 0.95, 0.95, 0.95, 20.0, 1.0)
                .build();
    }

    private List<MetricsRecord> healthyArray(long endMs) {
        List<MetricsRecord> records = new java.util.ArrayList<>();
        for (int c = 0; c < CHANNELS; c++) {
            records.add(channel(c, endMs, 22 + (c % 3), 0.97));
        }
        records.add(global(endMs, 22));
        return records;
    }

    private WebDriverWait waiting(int seconds) {
        return new WebDriverWait(browser, Duration.ofSeconds(seconds));
    }

    private WebElement cell(int channel) {
        return browser.findElement(By.cssSelector(".cell[data-channel='" + channel + "']"));
    }

    @Test
    void theGridFollowsTheRecordsTheChartsDrawAndTheBannerTracksTheBroker() throws Exception {
        long now = System.currentTimeMillis();
        for (int i = 5; i >= 1; i--) {
            publish(healthyArray(now - i * 1000L));
        }
        browser.get("http://localhost:" + view.port() + "/");
        waiting(30).until(d -> d.findElements(By.cssSelector(".cell[data-state='good']")).size() == CHANNELS);
        assertEquals(CHANNELS, browser.findElements(By.cssSelector("#grid .cell")).size(), "one cell a channel");
        assertEquals("32", ((JavascriptExecutor) browser).executeScript(
                "return String(getComputedStyle(document.getElementById('grid')).gridTemplateColumns.split(' ').length)"),
                "32 x 32");
        waiting(10).until(d -> d.findElement(By.id("codec")).getText().contains("hybrid level 5"));
        assertTrue(browser.findElement(By.id("codec")).getText().contains("abcd1234"), "the model fingerprint");
        assertFalse(browser.findElement(By.id("banner")).isDisplayed(), "no banner while metrics arrive");

        // A channel goes bad: its cell turns red, its neighbours stay green.
        publish(List.of(channel(7, System.currentTimeMillis(), 1.0, 0.2)));
        waiting(20).until(d -> "bad".equals(cell(7).getDomAttribute("data-state")));
        int[] bad = rgb(cell(7).getCssValue("background-color"));
        int[] good = rgb(cell(8).getCssValue("background-color"));
        assertTrue(bad[0] > 150 && bad[1] < 120, "channel 7 red: " + java.util.Arrays.toString(bad));
        assertTrue(good[1] > good[0], "channel 8 green: " + java.util.Arrays.toString(good));
        // Coloured by spike F1 instead, it is still the bad one.
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("metric"))).selectByValue("f1");
        assertEquals("bad", cell(7).getDomAttribute("data-state"));
        assertEquals("good", cell(9).getDomAttribute("data-state"));
        cell(7).click();
        waiting(10).until(d -> d.findElement(By.id("details")).getText().contains("Channel 7"));
        assertTrue(browser.findElement(By.id("details")).getText().contains("1.00 dB"),
                browser.findElement(By.id("details")).getText());

        // The charts drew their lines: pixels of the ratio chart's stroke colour on its canvas.
        long stroke = (Long) ((JavascriptExecutor) browser).executeScript(
                "const c = document.querySelector('.chart canvas'); const d = c.getContext('2d')"
                + ".getImageData(0, 0, c.width, c.height).data; let n = 0;"
                + "for (let i = 0; i < d.length; i += 4) { if (Math.abs(d[i] - 0x1f) < 40 && Math.abs(d[i + 1] - 0x77) < 40"
                + " && Math.abs(d[i + 2] - 0xb4) < 40 && d[i + 3] > 0) n++; } return n;");
        assertTrue(stroke > 20, "ratio line pixels: " + stroke);
        assertEquals(6L, ((JavascriptExecutor) browser).executeScript(
                "return document.querySelectorAll('.chart canvas').length"));
        saveScreenshot("web-view.png");

        // The broker goes away: the banner says so. It comes back and metrics flow: the banner leaves.
        broker.close();
        broker = null;
        waiting(40).until(d -> "unreachable".equals(d.findElement(By.id("banner")).getDomAttribute("data-state")));
        assertTrue(browser.findElement(By.id("banner")).isDisplayed());
        assertTrue(browser.findElement(By.id("banner")).getText().startsWith("Kafka unreachable"),
                browser.findElement(By.id("banner")).getText());
        saveScreenshot("web-view-unreachable.png");
        broker = LocalBroker.start(dir.resolve("broker"), brokerPort);
        publish(healthyArray(System.currentTimeMillis()));
        waiting(60).until(d -> "live".equals(d.findElement(By.id("banner")).getDomAttribute("data-state")));
        assertFalse(browser.findElement(By.id("banner")).isDisplayed());
        waiting(20).until(d -> "good".equals(cell(7).getDomAttribute("data-state")));
        assertEquals(1, view.pages(), "one page open");
        browser.quit();
        browser = null;
        Thread.sleep(1500);
        assertEquals(0, view.pages(), "a closed page is dropped");
    }

    private static int[] rgb(String css) {
        String[] parts = css.replaceAll("[^0-9,]", "").split(",");
        return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2])};
    }

    private void saveScreenshot(String name) throws IOException {
        Path png = browser.getScreenshotAs(OutputType.FILE).toPath();
        Path out = Path.of("target", "screenshots");
        Files.createDirectories(out);
        Files.copy(png, out.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
}
