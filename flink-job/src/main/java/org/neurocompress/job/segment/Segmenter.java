package org.neurocompress.job.segment;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
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

    private transient ValueState<BlockAssembler> assembler;
    /** The {@link WaitingClock} reading at the channel's last chunk. */
    private transient ValueState<Long> lastSeen;
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
        assembler = getRuntimeContext().getState(new ValueStateDescriptor<>("assembler",
                TypeInformation.of(BlockAssembler.class)));
        lastSeen = getRuntimeContext().getState(new ValueStateDescriptor<>("last-seen", Long.class));
        duplicateSamples = getRuntimeContext().getMetricGroup().counter("duplicateSamples");
        gaps = getRuntimeContext().getMetricGroup().counter("gaps");
        clock = new WaitingClock();
    }

    @Override
    public void processElement(ChannelChunk chunk, Context ctx, Collector<Block> out) throws Exception {
        long start = ctx.timerService().currentProcessingTime();
        BlockAssembler a = assembler.value();
        if (a == null) {
            a = new BlockAssembler(chunk.channel(), blockLength, reorderWindow);
        }
        long duplicatesBefore = a.duplicateSamples();
        long gapsBefore = a.gaps();
        a.add(chunk).forEach(out::collect);
        duplicateSamples.inc(a.duplicateSamples() - duplicatesBefore);
        gaps.inc(a.gaps() - gapsBefore);
        assembler.update(a);
        if (openedAt == null) {
            openedAt = clock.at(start);
        }
        lastSeen.update(clock.at(start));
        // Timers are coalesced to whole seconds: one per channel per second at most.
        ctx.timerService().registerProcessingTimeTimer((start + idleMillis) / 1000 * 1000 + 1000);
        clock.busy(start, ctx.timerService().currentProcessingTime());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Block> out) throws Exception {
        Long seen = lastSeen.value();
        BlockAssembler a = assembler.value();
        if (seen == null || a == null) {
            return;
        }
        long now = ctx.timerService().currentProcessingTime();
        if (openedAt == null) {
            openedAt = clock.at(now);
        }
        // Timers restored from a checkpoint fire at once with old timestamps: measure quiet time from the restart.
        long quietFor = clock.at(now) - Math.max(seen, openedAt);
        if (quietFor < idleMillis) {
            ctx.timerService().registerProcessingTimeTimer(now + idleMillis - quietFor);
            return;
        }
        long gapsBefore = a.gaps();
        a.flush().forEach(out::collect);
        gaps.inc(a.gaps() - gapsBefore);
        assembler.update(a);
        lastSeen.clear();
        clock.busy(now, ctx.timerService().currentProcessingTime());
    }
}
