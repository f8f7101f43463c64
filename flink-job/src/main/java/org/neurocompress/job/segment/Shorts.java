package org.neurocompress.job.segment;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Sample arrays written as one block of bytes (two bulk copies) rather than one call per sample. */
final class Shorts {
    private Shorts() {
    }

    static void write(DataOutputView out, short[] samples, int count) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(2 * count);
        bytes.asShortBuffer().put(samples, 0, count);
        out.write(bytes.array());
    }

    /** Reads {@code count} samples into {@code into} (at least that long). */
    static short[] read(DataInputView in, short[] into, int count) throws IOException {
        byte[] bytes = new byte[2 * count];
        in.readFully(bytes);
        ByteBuffer.wrap(bytes).asShortBuffer().get(into, 0, count);
        return into;
    }

    static void copy(DataInputView in, DataOutputView out, int count) throws IOException {
        out.write(in, 2 * count);
    }
}
