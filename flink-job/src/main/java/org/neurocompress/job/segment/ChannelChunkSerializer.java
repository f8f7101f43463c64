package org.neurocompress.job.segment;

import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A {@link ChannelChunk} between the parser and the segmenter, the job's one shuffle of samples: its samples as one
 * block of bytes (Flink's own array serialiser writes them one call per sample, the parser's main cost).
 * Layout: channel int, first sample index long, sample rate int, count int, count big-endian 16-bit samples.
 */
public final class ChannelChunkSerializer extends TypeSerializerSingleton<ChannelChunk> {
    private static final long serialVersionUID = 1L;

    /** Tells Flink's type extraction to use this serialiser ({@code @TypeInfo} on {@link ChannelChunk}). */
    public static final class Factory extends TypeInfoFactory<ChannelChunk> {
        @Override
        public TypeInformation<ChannelChunk> createTypeInfo(Type t, Map<String, TypeInformation<?>> parameters) {
            return new SerializerTypeInfo<>(ChannelChunk.class, ChannelChunkSerializer::new);
        }
    }

    @Override
    public boolean isImmutableType() {
        return true; // never changed once made: the segmenter copies samples out of it
    }

    @Override
    public ChannelChunk createInstance() {
        return null;
    }

    @Override
    public ChannelChunk copy(ChannelChunk from) {
        return from;
    }

    @Override
    public ChannelChunk copy(ChannelChunk from, ChannelChunk reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(ChannelChunk chunk, DataOutputView out) throws IOException {
        out.writeInt(chunk.channel());
        out.writeLong(chunk.firstSampleIndex());
        out.writeInt(chunk.sampleRate());
        out.writeInt(chunk.samples().length);
        Shorts.write(out, chunk.samples(), chunk.samples().length);
    }

    @Override
    public ChannelChunk deserialize(DataInputView in) throws IOException {
        int channel = in.readInt();
        long first = in.readLong();
        int rate = in.readInt();
        int count = in.readInt();
        if (count < 0) {
            throw new IOException("a channel chunk of " + count + " samples");
        }
        return new ChannelChunk(channel, first, rate, Shorts.read(in, new short[count], count));
    }

    @Override
    public ChannelChunk deserialize(ChannelChunk reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        out.writeInt(in.readInt());
        out.writeLong(in.readLong());
        out.writeInt(in.readInt());
        int count = in.readInt();
        out.writeInt(count);
        Shorts.copy(in, out, count);
    }

    @Override
    public TypeSerializerSnapshot<ChannelChunk> snapshotConfiguration() {
        return new Snapshot();
    }

    public static final class Snapshot extends SimpleTypeSerializerSnapshot<ChannelChunk> {
        public Snapshot() {
            super(ChannelChunkSerializer::new);
        }
    }
}
