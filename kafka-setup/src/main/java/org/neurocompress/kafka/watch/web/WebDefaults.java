package org.neurocompress.kafka.watch.web;

import java.time.Duration;

/** The web view's bounds and intervals, the same for `watch --web` and the demo. */
public final class WebDefaults {
    /** Windows of history kept per channel (a minute at the job's default 1 s slide). */
    public static final int HISTORY_PER_CHANNEL = 60;
    /** Global points kept for the charts (10 minutes at a 1 s slide). */
    public static final int GLOBAL_POINTS = 600;
    /** No record for this long turns the banner on. */
    public static final long QUIET_AFTER_MILLIS = 10_000;
    public static final long PUSH_MILLIS = 500;
    public static final Duration PROBE_INTERVAL = Duration.ofSeconds(2);

    private WebDefaults() {
    }

    public static MetricsBoard board(int gridChannels, String source) {
        return new MetricsBoard(gridChannels, HISTORY_PER_CHANNEL, GLOBAL_POINTS, QUIET_AFTER_MILLIS, source,
                System::currentTimeMillis);
    }
}
