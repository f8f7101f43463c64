package org.neurocompress.codec.hybrid;

import java.util.List;
import org.neurocompress.codec.CodecException;
import org.neurocompress.entropy.RangeDecoder;

/**
 * Decodes hybrid payloads in plain Java arithmetic (no network runs): the same samples on every machine. Not
 * thread-safe.
 */
final class HybridDecoder {
    private final HybridModel model;
    private final Background background = new Background();
    /** The quantised values and the reconstruction, reused from frame to frame (the sidecar decodes many). */
    private final Rows rows = new Rows();

    HybridDecoder(HybridModel model) {
        this.model = model;
    }

    short[] decode(byte[] payload, int sampleCount, int level) throws CodecException {
        if (payload.length < 1) {
            throw new CodecException("hybrid payload is empty: it needs at least the step byte");
        }
        int step = payload[0] & 0xFF;
        int segments = (sampleCount + Background.SEGMENT - 1) / Background.SEGMENT;
        RangeDecoder rc = new RangeDecoder(payload, 1);
        List<SpikeEvent> events = new EventCoder(model.eventPriors(level)).decode(rc, sampleCount);
        int[][] q = rows.ints(segments);
        double[] y = rows.frame(segments * Background.SEGMENT);
        try {
            if (!Background.read(rc, segments, model.coefficientPriors(level), q)) {
                throw new CodecException("corrupt hybrid payload: a segment decodes to coefficients out of range");
            }
            for (int s = 0; s < segments; s++) {
                background.reconstruct(q, step, s, y);
            }
            for (SpikeEvent e : events) {
                e.addTo(y, sampleCount, model.waveforms());
            }
            short[] out = new short[sampleCount];
            for (int i = 0; i < sampleCount; i++) {
                long v = Math.round(y[i]);
                out[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, v));
            }
            return out;
        } finally {
            rows.release(q);
            rows.release(y);
        }
    }
}
