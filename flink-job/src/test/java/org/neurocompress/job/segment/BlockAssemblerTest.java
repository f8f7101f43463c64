package org.neurocompress.job.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class BlockAssemblerTest {
    private static final int RATE = 19531;

    /** Samples whose value is their absolute index (mod 2^15), so every block can be checked exactly. */
    private static ChannelChunk chunk(long first, int length) {
        short[] s = new short[length];
        for (int i = 0; i < length; i++) {
            s[i] = (short) ((first + i) % 32768);
        }
        return new ChannelChunk(0, first, RATE, s);
    }

    private static void assertBlock(Block b, long first, int length) {
        assertEquals(first, b.firstSampleIndex(), "block start");
        assertEquals(length, b.samples().length, "block length");
        assertArrayEquals(chunk(first, length).samples(), b.samples());
    }

    @Test
    void blocksAreAlignedOnTheAbsoluteIndexWhateverTheChunkSizes() {
        BlockAssembler a = new BlockAssembler(0, 100, 0);
        List<Block> out = new ArrayList<>();
        // Starts mid-cell at 250: the first block is the rest of cell [200, 300).
        for (long at = 250; at < 600; at += 37) {
            out.addAll(a.add(chunk(at, (int) Math.min(37, 600 - at))));
        }
        // Data up to 600 completes cell [500, 600) too: no flush needed, nothing left open.
        assertEquals(4, out.size());
        assertBlock(out.get(0), 250, 50);
        assertBlock(out.get(1), 300, 100);
        assertBlock(out.get(2), 400, 100);
        assertBlock(out.get(3), 500, 100);
        assertTrue(a.flush().isEmpty());
    }

    @Test
    void aGapClosesTheBlockShortAndTheNextBlockStartsWhereDataResumes() {
        BlockAssembler a = new BlockAssembler(0, 100, 0);
        List<Block> out = new ArrayList<>(a.add(chunk(0, 130)));
        out.addAll(a.add(chunk(170, 60)));
        out.addAll(a.flush());
        assertBlock(out.get(0), 0, 100);
        assertBlock(out.get(1), 100, 30);
        assertBlock(out.get(2), 170, 30);
        assertBlock(out.get(3), 200, 30);
        assertEquals(1, a.gaps());
    }

    @Test
    void duplicateAndOverlappingSamplesAreDroppedAndCounted() {
        BlockAssembler a = new BlockAssembler(0, 100, 0);
        List<Block> out = new ArrayList<>(a.add(chunk(0, 60)));
        out.addAll(a.add(chunk(0, 60)));
        out.addAll(a.add(chunk(40, 60)));
        out.addAll(a.flush());
        assertEquals(1, out.size());
        assertBlock(out.get(0), 0, 100);
        assertEquals(60 + 20, a.duplicateSamples());
    }

    @Test
    void chunksReorderedWithinThePacketWindowAreReassembled() {
        BlockAssembler a = new BlockAssembler(0, 100, 64);
        List<Block> out = new ArrayList<>(a.add(chunk(0, 16)));
        out.addAll(a.add(chunk(32, 16)));
        out.addAll(a.add(chunk(48, 16)));
        assertEquals(2, a.pendingChunks());
        out.addAll(a.add(chunk(16, 16)));
        out.addAll(a.add(chunk(64, 36)));
        assertEquals(0, a.pendingChunks());
        assertEquals(1, out.size());
        assertBlock(out.get(0), 0, 100);
        assertEquals(0, a.gaps());
        assertEquals(0, a.duplicateSamples());
    }

    @Test
    void missingSamplesBeyondTheWindowBecomeAGapAndLateOnesAreDuplicates() {
        BlockAssembler a = new BlockAssembler(0, 100, 32);
        List<Block> out = new ArrayList<>(a.add(chunk(0, 10)));
        out.addAll(a.add(chunk(20, 20)));
        out.addAll(a.add(chunk(40, 20))); // now 50 samples wait beyond index 10: past the window
        assertEquals(1, a.gaps());
        assertBlock(out.get(0), 0, 10);
        out.addAll(a.add(chunk(10, 10))); // too late
        assertEquals(10, a.duplicateSamples());
        out.addAll(a.flush());
        assertBlock(out.get(1), 20, 40);
    }

    @Test
    void idleFlushEmitsThePartialBlockAndWaitingChunks() {
        BlockAssembler a = new BlockAssembler(0, 100, 1000);
        a.add(chunk(0, 30));
        a.add(chunk(50, 10));
        List<Block> out = a.flush();
        assertEquals(2, out.size());
        assertBlock(out.get(0), 0, 30);
        assertBlock(out.get(1), 50, 10);
        // After the flush the channel continues where it was.
        assertTrue(a.add(chunk(60, 40)).stream().anyMatch(b -> b.firstSampleIndex() == 60 && b.samples().length == 40));
    }

    @Test
    void aChangeOfSampleRateClosesTheStream() {
        BlockAssembler a = new BlockAssembler(0, 100, 0);
        a.add(chunk(0, 50));
        List<Block> out = a.add(new ChannelChunk(0, 0, 30000, new short[20]));
        assertEquals(1, out.size());
        assertEquals(RATE, out.get(0).sampleRate());
        Block next = a.flush().get(0);
        assertEquals(30000, next.sampleRate());
        assertEquals(20, next.samples().length);
        assertTrue(Arrays.equals(new short[20], next.samples()));
    }

    @Test
    void copiesShareTheOpenBlockYetEachGoesOnAsIfAlone() {
        BlockAssembler original = new BlockAssembler(0, 100, 0);
        original.add(chunk(0, 40));
        BlockAssembler copy = original.copy();
        // The copy goes on first (as Flink's live state does); the original then appends other samples over the
        // same places of the shared buffer, and a copy of the copy goes on from the copy's place.
        assertTrue(copy.add(chunk(40, 30)).isEmpty());
        BlockAssembler second = copy.copy();
        short[] other = new short[60];
        Arrays.fill(other, (short) -7);
        List<Block> fromOriginal = original.add(new ChannelChunk(0, 40, RATE, other));
        List<Block> fromCopy = copy.add(chunk(70, 30));
        List<Block> fromSecond = second.add(chunk(70, 30));
        assertEquals(1, fromOriginal.size());
        short[] expected = chunk(0, 100).samples();
        Arrays.fill(expected, 40, 100, (short) -7);
        assertArrayEquals(expected, fromOriginal.get(0).samples(), "the original's block");
        assertBlock(fromCopy.get(0), 0, 100);
        assertBlock(fromSecond.get(0), 0, 100);
    }
}
