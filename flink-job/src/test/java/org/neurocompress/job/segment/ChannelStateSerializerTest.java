package org.neurocompress.job.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class ChannelStateSerializerTest {
    private static ChannelChunk chunk(long first, int length) {
        short[] s = new short[length];
        for (int i = 0; i < length; i++) {
            s[i] = (short) (first + i);
        }
        return new ChannelChunk(5, first, 20000, s);
    }

    private static byte[] bytes(ChannelState state) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        new ChannelStateSerializer().serialize(state, out);
        return out.getCopyOfBuffer();
    }

    /** An open block, chunks waiting out of order, and the counters: all come back and go on the same way. */
    @Test
    void aRestoredChannelGoesOnExactlyAsTheOriginal() throws IOException {
        ChannelState original = new ChannelState(new BlockAssembler(5, 100, 500));
        original.assembler.add(chunk(0, 130));
        original.assembler.add(chunk(160, 20));
        original.assembler.add(chunk(200, 30));
        original.lastSeen = 1234;
        original.timerAt = 5000;
        ChannelState restored = new ChannelStateSerializer().deserialize(new DataInputDeserializer(bytes(original)));
        assertEquals(2, restored.assembler.pendingChunks());
        assertEquals(1234, restored.lastSeen);
        assertEquals(5000, restored.timerAt);
        assertArrayEquals(bytes(original), bytes(restored));
        ChannelState copy = new ChannelStateSerializer().copy(original);

        List<Block> fromOriginal = new ArrayList<>(original.assembler.add(chunk(130, 30)));
        fromOriginal.addAll(original.assembler.flush());
        List<Block> fromRestored = new ArrayList<>(restored.assembler.add(chunk(130, 30)));
        fromRestored.addAll(restored.assembler.flush());
        assertEquals(fromOriginal.size(), fromRestored.size());
        for (int i = 0; i < fromOriginal.size(); i++) {
            assertEquals(fromOriginal.get(i).firstSampleIndex(), fromRestored.get(i).firstSampleIndex());
            assertArrayEquals(fromOriginal.get(i).samples(), fromRestored.get(i).samples());
        }
        assertTrue(copy.assembler.pendingChunks() == 2, "a copy is not changed by its original going on");
    }

    @Test
    void anotherLayoutVersionIsRefusedByName() {
        byte[] b = new byte[64];
        b[0] = 9;
        IOException e = assertThrows(IOException.class,
                () -> new ChannelStateSerializer().deserialize(new DataInputDeserializer(b)));
        assertTrue(e.getMessage().contains("format version 9"), e.getMessage());
    }
}
