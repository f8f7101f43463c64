package org.neurocompress.job.segment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Cuts one channel's stream of chunks into blocks aligned on the absolute sample index.
 *
 * <p>Chunks may arrive out of order: one that starts after the expected index waits, up to {@code reorderWindow}
 * samples ahead, for the missing samples to arrive. Past that window the missing samples are declared a gap: the
 * open block closes short and the next block starts where the data resumes. Samples at or before the expected
 * index were already seen (duplicates or overlaps) and are dropped and counted. Not thread-safe; one per channel.
 */
public final class BlockAssembler {
    // Package-private for ChannelStateSerializer, which writes and restores them.
    final int channel;
    final int blockLength;
    final int reorderWindow;
    final TreeMap<Long, ChannelChunk> pending = new TreeMap<>();

    long next = -1;
    int sampleRate;
    long blockStart;
    /** The open block, {@code blockLength} long, of which {@code fill} samples are set; null when none is open. */
    short[] buffer;
    int fill;
    /** How far into {@code buffer} this assembler or a copy sharing it has written; null: not yet known. */
    private Written written;
    long duplicateSamples;
    long gaps;

    public BlockAssembler(int channel, int blockLength, int reorderWindow) {
        if (blockLength < 1 || reorderWindow < 0) {
            throw new IllegalArgumentException("block length must be positive and the reorder window not negative");
        }
        this.channel = channel;
        this.blockLength = blockLength;
        this.reorderWindow = reorderWindow;
    }

    /**
     * A copy that changes independently of this one. It shares the waiting chunks (never changed once made) and the
     * open block's buffer, whose first {@code fill} samples are never written again: each copy reads only the samples
     * it counts, and one whose samples another copy has written past takes a buffer of its own before it appends.
     * Flink copies the state of every channel touched during a checkpoint's asynchronous snapshot and only the copy
     * goes on: copying the buffers too was 5% of what the stream job allocated.
     */
    BlockAssembler copy() {
        BlockAssembler c = new BlockAssembler(channel, blockLength, reorderWindow);
        c.pending.putAll(pending);
        c.next = next;
        c.sampleRate = sampleRate;
        c.blockStart = blockStart;
        if (buffer != null && written == null) {
            written = new Written(fill);
        }
        c.buffer = buffer;
        c.written = written;
        c.fill = fill;
        c.duplicateSamples = duplicateSamples;
        c.gaps = gaps;
        return c;
    }

    /** Adds a chunk; returns the blocks it completes, in order. */
    public List<Block> add(ChannelChunk chunk) {
        if (chunk.channel() != channel) {
            throw new IllegalArgumentException("chunk of channel " + chunk.channel() + " given to channel " + channel);
        }
        List<Block> out = new ArrayList<>();
        if (sampleRate != 0 && chunk.sampleRate() != sampleRate) {
            // A new rate starts a new stream: close everything of the old one first.
            flushInto(out);
            next = -1;
        }
        sampleRate = chunk.sampleRate();
        if (next < 0) {
            next = chunk.firstSampleIndex();
        }
        if (chunk.firstSampleIndex() > next) {
            pending.merge(chunk.firstSampleIndex(), chunk, (a, b) -> a.samples().length >= b.samples().length ? a : b);
            drainPending(out, false);
        } else {
            append(chunk, out);
            drainPending(out, false);
        }
        return out;
    }

    /** Closes the open block and everything waiting (the channel went quiet); returns the blocks. */
    public List<Block> flush() {
        List<Block> out = new ArrayList<>();
        flushInto(out);
        return out;
    }

    private void flushInto(List<Block> out) {
        drainPending(out, true);
        closeBlock(out);
    }

    /** Appends what waits in order; with {@code force}, or past the reorder window, jumps the gaps. */
    private void drainPending(List<Block> out, boolean force) {
        while (!pending.isEmpty()) {
            Map.Entry<Long, ChannelChunk> first = pending.firstEntry();
            if (first.getKey() <= next) {
                pending.pollFirstEntry();
                append(first.getValue(), out);
                continue;
            }
            long waitingUpTo = pending.lastEntry().getValue().endSampleIndex();
            if (!force && waitingUpTo - next <= reorderWindow) {
                return;
            }
            // The missing samples are not coming: close the block short and resume at the waiting data.
            gaps++;
            closeBlock(out);
            next = first.getKey();
        }
    }

    private void append(ChannelChunk chunk, List<Block> out) {
        short[] s = chunk.samples();
        int skip = (int) Math.min(s.length, Math.max(0, next - chunk.firstSampleIndex()));
        duplicateSamples += skip;
        long index = chunk.firstSampleIndex() + skip;
        int at = skip;
        while (at < s.length) {
            if (buffer == null) {
                blockStart = index;
                buffer = new short[blockLength];
                fill = 0;
                written = new Written(0);
            } else if (written == null || written.samples != fill) {
                // Restored from a snapshot (nobody shares it), or a copy wrote past our samples: ours from here.
                buffer = written == null ? buffer : Arrays.copyOf(buffer, blockLength);
                written = new Written(fill);
            }
            long cellEnd = (blockStart / blockLength + 1) * blockLength;
            int n = (int) Math.min(s.length - at, cellEnd - index);
            System.arraycopy(s, at, buffer, fill, n);
            fill += n;
            written.samples = fill;
            at += n;
            index += n;
            if (index == cellEnd) {
                closeBlock(out);
            }
        }
        next = Math.max(next, index);
    }

    private void closeBlock(List<Block> out) {
        if (buffer != null && fill > 0) {
            out.add(new Block(channel, blockStart, sampleRate, fill == buffer.length ? buffer
                    : Arrays.copyOf(buffer, fill)));
        }
        buffer = null;
        fill = 0;
        written = null;
    }

    /** Samples dropped because they were already seen. */
    public long duplicateSamples() {
        return duplicateSamples;
    }

    /** Gaps declared: missing samples that did not arrive within the reorder window. */
    public long gaps() {
        return gaps;
    }

    public int pendingChunks() {
        return pending.size();
    }

    /** The write mark of a buffer, shared by the copies that share the buffer (one task thread appends). */
    private static final class Written {
        int samples;

        Written(int samples) {
            this.samples = samples;
        }
    }
}
