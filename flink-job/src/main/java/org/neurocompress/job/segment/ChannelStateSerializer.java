package org.neurocompress.job.segment;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Writes a channel's {@link ChannelState} into checkpoints and savepoints in the layout of docs/job.md ("Segmenter
 * state"), version {@link #FORMAT_VERSION}, checked on read. Replaces Kryo, which copied and wrote the state
 * field by field through reflection.
 */
public final class ChannelStateSerializer extends TypeSerializerSingleton<ChannelState> {
    public static final int FORMAT_VERSION = 1;
    private static final long serialVersionUID = 1L;

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public ChannelState createInstance() {
        return null;
    }

    @Override
    public ChannelState copy(ChannelState from) {
        return from.copy();
    }

    @Override
    public ChannelState copy(ChannelState from, ChannelState reuse) {
        return from.copy();
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(ChannelState state, DataOutputView out) throws IOException {
        BlockAssembler a = state.assembler;
        out.writeByte(FORMAT_VERSION);
        out.writeInt(a.channel);
        out.writeInt(a.blockLength);
        out.writeInt(a.reorderWindow);
        out.writeLong(a.next);
        out.writeInt(a.sampleRate);
        out.writeLong(a.blockStart);
        out.writeInt(a.buffer == null ? -1 : a.fill);
        if (a.buffer != null) {
            Shorts.write(out, a.buffer, a.fill);
        }
        out.writeLong(a.duplicateSamples);
        out.writeLong(a.gaps);
        out.writeInt(a.pending.size());
        for (ChannelChunk chunk : a.pending.values()) {
            out.writeLong(chunk.firstSampleIndex());
            out.writeInt(chunk.sampleRate());
            out.writeInt(chunk.samples().length);
            Shorts.write(out, chunk.samples(), chunk.samples().length);
        }
        out.writeLong(state.lastSeen);
        out.writeLong(state.timerAt);
    }

    @Override
    public ChannelState deserialize(DataInputView in) throws IOException {
        int version = in.readUnsignedByte();
        if (version != FORMAT_VERSION) {
            throw new IOException("segmenter channel state has format version " + version + ", this job reads "
                    + FORMAT_VERSION + " (docs/job.md)");
        }
        int channel = in.readInt();
        int blockLength = in.readInt();
        int reorderWindow = in.readInt();
        if (blockLength < 1 || reorderWindow < 0) {
            throw new IOException("segmenter channel state of channel " + channel + " is damaged: block length "
                    + blockLength + ", reorder window " + reorderWindow);
        }
        BlockAssembler a = new BlockAssembler(channel, blockLength, reorderWindow);
        a.next = in.readLong();
        a.sampleRate = in.readInt();
        a.blockStart = in.readLong();
        int fill = in.readInt();
        if (fill < -1 || fill > blockLength) {
            throw new IOException("segmenter channel state of channel " + channel + " is damaged: " + fill
                    + " samples in an open block of " + blockLength);
        }
        if (fill >= 0) {
            a.buffer = Shorts.read(in, new short[blockLength], fill);
            a.fill = fill;
        }
        a.duplicateSamples = in.readLong();
        a.gaps = in.readLong();
        int pending = in.readInt();
        for (int i = 0; i < pending; i++) {
            long first = in.readLong();
            int rate = in.readInt();
            int length = in.readInt();
            if (length < 0) {
                throw new IOException("segmenter channel state of channel " + channel + " is damaged: a waiting "
                        + "chunk of " + length + " samples");
            }
            a.pending.put(first, new ChannelChunk(channel, first, rate, Shorts.read(in, new short[length], length)));
        }
        ChannelState state = new ChannelState(a);
        state.lastSeen = in.readLong();
        state.timerAt = in.readLong();
        return state;
    }

    @Override
    public ChannelState deserialize(ChannelState reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    @Override
    public TypeSerializerSnapshot<ChannelState> snapshotConfiguration() {
        return new Snapshot();
    }

    /** The serializer's identity in a checkpoint; the layout version is in every value. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<ChannelState> {
        public Snapshot() {
            super(ChannelStateSerializer::new);
        }
    }
}
