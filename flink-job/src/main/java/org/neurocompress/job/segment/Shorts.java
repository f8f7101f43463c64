package org.neurocompress.job.segment;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Sample arrays written as one block of bytes (two bulk copies) rather than one call per sample, big-endian as
 * {@link DataOutputView#writeShort} would write them. The bytes go through a scratch buffer of the thread's
 * (serialisers run on the task's threads): a fresh one per record was 4% of the stream job's allocation.
 */
final class Shorts {
    private static final ThreadLocal<ByteBuffer> SCRATCH = ThreadLocal.withInitial(() -> ByteBuffer.allocate(0));

    private Shorts() {
    }

    static void write(DataOutputView out, short[] samples, int count) throws IOException {
        ByteBuffer bytes = scratch(2 * count);
        bytes.asShortBuffer().put(samples, 0, count);
        out.write(bytes.array(), 0, 2 * count);
    }

    /** Reads {@code count} samples into {@code into} (at least that long). */
    static short[] read(DataInputView in, short[] into, int count) throws IOException {
        ByteBuffer bytes = scratch(2 * count);
        in.readFully(bytes.array(), 0, 2 * count);
        bytes.asShortBuffer().get(into, 0, count);
        return into;
    }

    static void copy(DataInputView in, DataOutputView out, int count) throws IOException {
        out.write(in, 2 * count);
    }

    private static ByteBuffer scratch(int length) {
        ByteBuffer bytes = SCRATCH.get();
        if (bytes.capacity() < length) {
            bytes = ByteBuffer.allocate(Math.max(length, 2 * bytes.capacity())).order(ByteOrder.BIG_ENDIAN);
            SCRATCH.set(bytes);
        }
        return bytes;
    }
}
