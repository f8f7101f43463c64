package org.neurocompress.codec.vqcae;

import org.neurocompress.codec.CodecException;
import org.neurocompress.entropy.AdaptiveIntegers;
import org.neurocompress.entropy.RangeDecoder;
import org.neurocompress.entropy.RangeEncoder;
import org.neurocompress.entropy.StaticSymbolTree;

/**
 * The vqcae payload (docs/codecs.md): one byte, the depth d (stages used, 1..48), then one range-coded stream: the
 * scale step of each segment (the first as is, the others as differences from the one before, adaptive Elias-gamma),
 * then for each segment, each latent position and each stage 1..d the code index, coded with that stage's
 * frequencies learned in training.
 */
final class VqCaePayload {
    private final StaticSymbolTree[] stageTrees;

    VqCaePayload(float[] priors, int stages, int codes) {
        stageTrees = new StaticSymbolTree[stages];
        for (int k = 0; k < stages; k++) {
            double[] frequencies = new double[codes];
            for (int c = 0; c < codes; c++) {
                frequencies[c] = priors[k * codes + c];
            }
            stageTrees[k] = new StaticSymbolTree(frequencies);
        }
    }

    int stages() {
        return stageTrees.length;
    }

    /**
     * @param indices (stages computed, all latent positions of the call); this payload's positions start at
     *        {@code firstPosition}
     */
    byte[] write(int depth, int[] steps, long[][] indices, int firstPosition, int positionsPerSegment) {
        RangeEncoder rc = new RangeEncoder();
        AdaptiveIntegers scales = new AdaptiveIntegers();
        for (int s = 0; s < steps.length; s++) {
            scales.encode(rc, s == 0 ? steps[0] : AdaptiveIntegers.zigzag(steps[s] - steps[s - 1]));
        }
        int positions = steps.length * positionsPerSegment;
        for (int p = 0; p < positions; p++) {
            for (int k = 0; k < depth; k++) {
                stageTrees[k].encode(rc, (int) indices[k][firstPosition + p]);
            }
        }
        byte[] coded = rc.finish();
        byte[] payload = new byte[coded.length + 1];
        payload[0] = (byte) depth;
        System.arraycopy(coded, 0, payload, 1, coded.length);
        return payload;
    }

    /** What a payload holds: its depth, the scale step of each segment and the code indices (depth, positions). */
    record Contents(int depth, int[] steps, long[][] indices) {
    }

    Contents read(byte[] payload, int segments, int positionsPerSegment) throws CodecException {
        if (payload.length < 1) {
            throw new CodecException("vqcae payload is empty: it needs at least the depth byte");
        }
        int depth = payload[0] & 0xFF;
        if (depth < 1 || depth > stageTrees.length) {
            throw new CodecException("corrupt vqcae payload: depth " + depth + " outside 1.." + stageTrees.length);
        }
        RangeDecoder rc = new RangeDecoder(payload, 1);
        AdaptiveIntegers scales = new AdaptiveIntegers();
        int[] steps = new int[segments];
        for (int s = 0; s < segments; s++) {
            int v = scales.decode(rc);
            steps[s] = s == 0 ? v : steps[s - 1] + AdaptiveIntegers.unzigzag(v);
            if (steps[s] < 0 || steps[s] > SegmentScale.MAX_STEP) {
                throw new CodecException("corrupt vqcae payload: scale step " + steps[s] + " of segment " + s
                        + " outside 0.." + SegmentScale.MAX_STEP);
            }
        }
        int positions = segments * positionsPerSegment;
        long[][] indices = new long[depth][positions];
        for (int p = 0; p < positions; p++) {
            for (int k = 0; k < depth; k++) {
                indices[k][p] = stageTrees[k].decode(rc);
            }
        }
        return new Contents(depth, steps, indices);
    }
}
