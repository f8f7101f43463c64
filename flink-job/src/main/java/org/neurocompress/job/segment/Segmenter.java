package org.neurocompress.job.segment;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by channel: assembles each channel's chunks into blocks aligned on the absolute sample index
 * ({@link BlockAssembler}), and flushes a channel that has been quiet for {@code idleMillis} of processing time
 * during which its subtask was waiting for input ({@link WaitingClock}).
 */
public final class Segmenter extends KeyedProcessFunction<Integer, ChannelChunk, Block> {
    private final int blockLength;
    private final int reorderWindow;
    private final long idleMillis;

    private transient ValueState<ChannelState> state;
    private transient Counter duplicateSamples;
    private transient Counter gaps;
    /** Clock reading at the first element or timer since open(): after a restart, channels get a full idle period. */
    private transient Long openedAt;
    private transient WaitingClock clock;

    public Segmenter(int blockLength, int reorderWindow, long idleMillis) {
        this.blockLength = blockLength;
        this.reorderWindow = reorderWindow;
        this.idleMillis = idleMillis;
    }

    @Override
    public void open(OpenContext context) {
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("channel", new ChannelStateSerializer()));
        duplicateSamples = getRuntimeContext().getMetricGroup().counter("duplicateSamples");
        gaps = getRuntimeContext().getMetricGroup().counter("gaps");
        clock = new WaitingClock();
    }

    @Override
    public void processElement(ChannelChunk chunk, Context ctx, Collector<Block> out) throws Exception {
        long start = ctx.timerService().currentProcessingTime();
        ChannelState s = state.value();
        if (s == null) {
            s = new ChannelState(new BlockAssembler(chunk.channel(), blockLength, reorderWindow));
        }
        BlockAssembler a = s.assembler;
        long duplicatesBefore = a.duplicateSamples();
        long gapsBefore = a.gaps();
        a.add(chunk).forEach(out::collect);
        duplicateSamples.inc(a.duplicateSamples() - duplicatesBefore);
        gaps.inc(a.gaps() - gapsBefore);
        if (openedAt == null) {
            openedAt = clock.at(start);
        }
        s.lastSeen = clock.at(start);
        // Timers are coalesced to whole seconds, and registered once each: one per channel per second at most.
        long timer = (start + idleMillis) / 1000 * 1000 + 1000;
        if (timer != s.timerAt) {
            ctx.timerService().registerProcessingTimeTimer(timer);
            s.timerAt = timer;
        }
        state.update(s);
        clock.busy(start, ctx.timerService().currentProcessingTime());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Block> out) throws Exception {
        ChannelState s = state.value();
        if (s == null || s.lastSeen < 0) {
            return;
        }
        if (timestamp == s.timerAt) {
            s.timerAt = -1;
        }
        long now = ctx.timerService().currentProcessingTime();
        if (openedAt == null) {
            openedAt = clock.at(now);
        }
        // Timers restored from a checkpoint fire at once with old timestamps: measure quiet time from the restart.
        long quietFor = clock.at(now) - Math.max(s.lastSeen, openedAt);
        if (quietFor < idleMillis) {
            long timer = now + idleMillis - quietFor;
            ctx.timerService().registerProcessingTimeTimer(timer);
            s.timerAt = timer;
            state.update(s);
            return;
        }
        BlockAssembler a = s.assembler;
        long gapsBefore = a.gaps();
        a.flush().forEach(out::collect);
        gaps.inc(a.gaps() - gapsBefore);
        s.lastSeen = -1;
        state.update(s);
        clock.busy(now, ctx.timerService().currentProcessingTime());
    }
}
