package org.neurocompress.kafka.watch.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.LongSupplier;
import org.neurocompress.kafka.wire.MetricsRecord;

/**
 * What the web view shows, kept bounded: each channel's latest figures and its last {@code historyPerChannel}
 * windows, the last {@code globalPoints} global records, the codec in use and whether metrics arrive. The Kafka
 * thread adds records; the page's pusher takes deltas (what changed since the last one) or a whole snapshot for a
 * page that just opened, so the cost of a push does not depend on how many pages are open.
 */
public final class MetricsBoard {
    /** What the banner says. */
    public enum Status {
        /** Connected, no metrics record seen yet. */
        WAITING,
        /** Metrics arrive. */
        LIVE,
        /** Connected, but no record for longer than the quiet interval. */
        QUIET,
        /** The broker does not answer. */
        UNREACHABLE
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The events' schema (docs/formats.md, "Web view events"); the page refuses another. */
    public static final int SCHEMA_VERSION = 1;

    private final int historyPerChannel;
    private final int globalPoints;
    private final long quietAfterMs;
    private final LongSupplier clock;
    private final String source;
    private final Map<Integer, ArrayDeque<MetricsRecord>> channels = new HashMap<>();
    private final ArrayDeque<MetricsRecord> globals = new ArrayDeque<>();
    private final TreeSet<Integer> changedChannels = new TreeSet<>();
    private final ArrayDeque<MetricsRecord> newGlobals = new ArrayDeque<>();
    private int gridChannels;
    private long lastRecordAtMs = -1;
    private boolean reachable = true;
    private String problem = "";
    private long malformed;

    /**
     * @param gridChannels cells in the grid at first (1024: 32 × 32); it grows when a higher channel arrives
     * @param source what is watched, for the banner ("neurocompress.metrics at localhost:9092")
     */
    public MetricsBoard(int gridChannels, int historyPerChannel, int globalPoints, long quietAfterMs,
            String source, LongSupplier clock) {
        this.gridChannels = gridChannels;
        this.historyPerChannel = historyPerChannel;
        this.globalPoints = globalPoints;
        this.quietAfterMs = quietAfterMs;
        this.source = source;
        this.clock = clock;
    }

    public synchronized void add(MetricsRecord r) {
        lastRecordAtMs = clock.getAsLong();
        if (r.isGlobal()) {
            append(globals, r, globalPoints);
            append(newGlobals, r, globalPoints);
        } else {
            int channel = r.channel();
            append(channels.computeIfAbsent(channel, c -> new ArrayDeque<>()), r, historyPerChannel);
            changedChannels.add(channel);
            gridChannels = Math.max(gridChannels, channel + 1);
        }
    }

    private static void append(ArrayDeque<MetricsRecord> ring, MetricsRecord r, int capacity) {
        if (ring.size() == capacity) {
            ring.removeFirst();
        }
        ring.addLast(r);
    }

    public synchronized void malformed() {
        malformed++;
    }

    /** Whether the broker answered the last probe, and if not, why (one line). */
    public synchronized void reachable(boolean answered, String why) {
        reachable = answered;
        problem = answered ? "" : why;
    }

    public synchronized Status status() {
        if (!reachable) {
            return Status.UNREACHABLE;
        }
        if (lastRecordAtMs < 0) {
            return Status.WAITING;
        }
        return clock.getAsLong() - lastRecordAtMs > quietAfterMs ? Status.QUIET : Status.LIVE;
    }

    /** Everything the page needs on opening; does not touch what the next delta carries. */
    public synchronized String snapshot() {
        ObjectNode out = head("snapshot");
        ArrayNode cells = out.putArray("cells");
        channels.keySet().stream().sorted().forEach(c -> cells.add(cell(channels.get(c).getLast())));
        ArrayNode points = out.putArray("global");
        globals.forEach(g -> points.add(point(g)));
        return out.toString();
    }

    /** What changed since the last delta: channels with new records and new global points, and the status. */
    public synchronized String delta() {
        ObjectNode out = head("delta");
        ArrayNode cells = out.putArray("cells");
        for (int c : changedChannels) {
            cells.add(cell(channels.get(c).getLast()));
        }
        changedChannels.clear();
        ArrayNode points = out.putArray("global");
        newGlobals.forEach(g -> points.add(point(g)));
        newGlobals.clear();
        return out.toString();
    }

    /** One channel's kept history, oldest first; null for a channel never seen. */
    public synchronized String history(int channel) {
        ArrayDeque<MetricsRecord> ring = channels.get(channel);
        if (ring == null) {
            return null;
        }
        ObjectNode out = JSON.createObjectNode();
        out.put("schema_version", SCHEMA_VERSION);
        out.put("channel", channel);
        ArrayNode windows = out.putArray("windows");
        ring.forEach(r -> windows.add(cell(r)));
        return out.toString();
    }

    private ObjectNode head(String type) {
        ObjectNode out = JSON.createObjectNode();
        out.put("schema_version", SCHEMA_VERSION);
        out.put("type", type);
        Status status = status();
        ObjectNode s = out.putObject("status");
        s.put("state", status.name().toLowerCase(java.util.Locale.ROOT));
        s.put("message", message(status));
        s.put("malformed", malformed);
        out.put("grid_channels", gridChannels);
        MetricsRecord last = globals.peekLast();
        if (last != null) {
            out.put("codec", last.codec());
            out.put("level", last.level());
            out.put("model", last.model());
        }
        return out;
    }

    private String message(Status status) {
        return switch (status) {
            case UNREACHABLE -> "Kafka unreachable: " + problem;
            case WAITING -> "Waiting for metrics on " + source;
            case QUIET -> "No metrics for " + (clock.getAsLong() - lastRecordAtMs) / 1000 + " s on " + source;
            case LIVE -> "Live: " + source;
        };
    }

    private static ObjectNode cell(MetricsRecord r) {
        ObjectNode n = JSON.createObjectNode();
        n.put("ch", r.channel());
        n.put("t", r.windowEndMs());
        n.put("snr", r.snrDb());
        n.put("f1", r.spikeF1());
        n.put("ratio", r.compressionRatio());
        n.put("ssim", r.ssim());
        n.put("fps", r.framesPerSecond());
        n.put("bps", r.bitsPerSample());
        return n;
    }

    private static ObjectNode point(MetricsRecord r) {
        ObjectNode n = JSON.createObjectNode();
        n.put("t", r.windowEndMs());
        n.put("ratio", r.compressionRatio());
        n.put("snr", r.snrDb());
        n.put("f1", r.spikeF1());
        n.put("bps", r.bitsPerSample());
        double seconds = Math.max(1e-3, (r.windowEndMs() - r.windowStartMs()) / 1000.0);
        n.put("dl", r.deadLetters() / seconds);
        n.put("p50", r.latencyMsP50());
        n.put("p99", r.latencyMsP99());
        return n;
    }
}
