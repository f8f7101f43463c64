package org.neurocompress.codec.hybrid;

import java.util.ArrayList;
import java.util.List;
import org.neurocompress.codec.CodecException;
import org.neurocompress.entropy.AdaptiveBits;
import org.neurocompress.entropy.RangeDecoder;
import org.neurocompress.entropy.RangeEncoder;

/**
 * Codes a frame's spike events (docs/formats.md, "hybrid"): their count, then per event the gap from the previous
 * event's position, the shape (a binary tree over the codebook), the sign and the gain index. Every context starts
 * from the model's learned prior.
 */
final class EventCoder {
    static final int COUNT = 0;
    static final int GAP = COUNT + 32;
    static final int SHAPE = GAP + 32;
    static final int GAIN = SHAPE + Waveforms.COUNT;
    static final int CONTEXTS = GAIN + 32;

    private final AdaptiveBits bits;

    EventCoder(int[] priors) {
        if (priors.length != CONTEXTS) {
            throw new IllegalArgumentException("event priors need " + CONTEXTS + " values, got " + priors.length);
        }
        bits = new AdaptiveBits(priors);
    }

    /** Codes the events in ascending position, whatever their order in the list (the encoder keeps them by priority). */
    void encode(RangeEncoder rc, List<SpikeEvent> events) {
        bits.encodeUnsigned(rc, events.size(), COUNT);
        int previous = 0;
        List<SpikeEvent> sorted = new java.util.ArrayList<>(events);
        sorted.sort(java.util.Comparator.comparingInt(SpikeEvent::position));
        for (SpikeEvent e : sorted) {
            bits.encodeUnsigned(rc, e.position() - previous, GAP);
            previous = e.position();
            int node = 1;
            for (int i = Waveforms.SHAPE_BITS - 1; i >= 0; i--) {
                int bit = e.shape() >>> i & 1;
                bits.encode(rc, SHAPE + node, bit);
                node = node << 1 | bit;
            }
            rc.encodeDirect(e.gain() < 0 ? 1 : 0, 1);
            bits.encodeUnsigned(rc, Math.abs(e.gain()) - 1, GAIN);
        }
    }

    /** The events of a frame of {@code sampleCount} samples, checked: positions ascending inside the frame. */
    List<SpikeEvent> decode(RangeDecoder rc, int sampleCount) throws CodecException {
        int n = bits.decodeUnsigned(rc, COUNT);
        if (n < 0 || n > sampleCount) {
            throw new CodecException("corrupt hybrid payload: " + n + " spike events in " + sampleCount + " samples");
        }
        List<SpikeEvent> events = new ArrayList<>(n);
        long position = 0;
        for (int i = 0; i < n; i++) {
            int gap = bits.decodeUnsigned(rc, GAP);
            position += gap;
            if (gap < 0 || position >= sampleCount) {
                throw new CodecException("corrupt hybrid payload: spike event " + i + " lies outside the frame");
            }
            int node = 1;
            for (int b = 0; b < Waveforms.SHAPE_BITS; b++) {
                node = node << 1 | bits.decode(rc, SHAPE + node);
            }
            boolean negative = rc.decodeDirect(1) == 1;
            int gain = bits.decodeUnsigned(rc, GAIN) + 1;
            if (gain < 1 || gain > SpikeEvent.MAX_GAIN) {
                throw new CodecException("corrupt hybrid payload: spike event " + i + " has gain index " + gain);
            }
            events.add(new SpikeEvent((int) position, node - Waveforms.COUNT, negative ? -gain : gain));
        }
        return events;
    }

    int[] states() {
        return bits.states();
    }
}
