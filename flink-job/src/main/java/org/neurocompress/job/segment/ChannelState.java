package org.neurocompress.job.segment;

/**
 * What the {@link Segmenter} keeps per channel, in one keyed value so each chunk costs one state access: the
 * channel's {@link BlockAssembler}, when it last saw data, and the idle timer it has registered.
 */
final class ChannelState {
    final BlockAssembler assembler;
    /** The {@link WaitingClock} reading at the channel's last chunk; -1 after an idle flush. */
    long lastSeen = -1;
    /** The processing time of the idle timer registered last; -1 when none. */
    long timerAt = -1;

    ChannelState(BlockAssembler assembler) {
        this.assembler = assembler;
    }

    ChannelState copy() {
        ChannelState c = new ChannelState(assembler.copy());
        c.lastSeen = lastSeen;
        c.timerAt = timerAt;
        return c;
    }
}
