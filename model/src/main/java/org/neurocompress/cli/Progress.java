package org.neurocompress.cli;

import java.util.function.LongConsumer;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar on stderr for work long enough to need one (over 2^25 samples: about half a minute or more). */
final class Progress implements LongConsumer, AutoCloseable {
    static final long WORTH_SHOWING = 1L << 25;

    private final ProgressBar bar;
    private final int channels;

    private Progress(ProgressBar bar, int channels) {
        this.bar = bar;
        this.channels = channels;
    }

    /** Progress over {@code frames} sample frames of {@code channels} channels; silent for small inputs. */
    static Progress of(String task, long frames, int channels) {
        if (frames * channels < WORTH_SHOWING) {
            return new Progress(null, channels);
        }
        return new Progress(new ProgressBarBuilder().setTaskName(task).setInitialMax(frames * channels)
                .setUnit(" M samples", 1_000_000).setConsumer(new ConsoleProgressBarConsumer(System.err))
                .setStyle(System.console() == null ? ProgressBarStyle.ASCII : ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                .setUpdateIntervalMillis(500).build(), channels);
    }

    /** Sample frames done so far. */
    @Override
    public void accept(long frames) {
        if (bar != null) {
            bar.stepTo(frames * channels);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
