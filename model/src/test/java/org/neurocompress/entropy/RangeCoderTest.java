package org.neurocompress.entropy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RangeCoderTest {
    @Test
    void adaptiveAndDirectBitsRoundTripAtEverySkew() {
        for (double pOne : new double[] {0.0, 0.01, 0.2, 0.5, 0.9, 1.0}) {
            SplittableRandom random = new SplittableRandom(7);
            int n = 5000;
            int[] bits = new int[n];
            int[] direct = new int[n];
            RangeEncoder enc = new RangeEncoder();
            short[] probs = Probabilities.create(4);
            for (int i = 0; i < n; i++) {
                bits[i] = random.nextDouble() < pOne ? 1 : 0;
                direct[i] = random.nextInt(1 << 13);
                enc.encodeBit(probs, i & 3, bits[i]);
                enc.encodeDirect(direct[i], 13);
            }
            byte[] bytes = enc.finish();
            RangeDecoder dec = new RangeDecoder(bytes, 0);
            short[] dprobs = Probabilities.create(4);
            for (int i = 0; i < n; i++) {
                assertEquals(bits[i], dec.decodeBit(dprobs, i & 3), "bit " + i + " at p=" + pOne);
                assertEquals(direct[i], dec.decodeDirect(13), "direct " + i);
            }
        }
    }

    @Test
    void skewedBitsCostFarLessThanOneBitEach() {
        RangeEncoder enc = new RangeEncoder();
        short[] probs = Probabilities.create(1);
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 8000; i++) {
            enc.encodeBit(probs, 0, random.nextDouble() < 0.02 ? 1 : 0);
        }
        // Entropy of p = 0.02 is 0.141 bits: 8000 bits -> about 141 bytes.
        int size = enc.finish().length;
        assertTrue(size < 200, "8000 bits at p=0.02 took " + size + " bytes");
    }

    @Test
    void terminationCostsAtMostAFewBytes() {
        RangeEncoder enc = new RangeEncoder();
        assertTrue(enc.finish().length <= 1);
        RangeEncoder one = new RangeEncoder();
        one.encodeDirect(0xA5, 8);
        byte[] bytes = one.finish();
        assertTrue(bytes.length <= 2, "one byte of direct bits took " + bytes.length);
        assertEquals(0xA5, new RangeDecoder(bytes, 0).decodeDirect(8));
    }

    @Test
    void adaptiveIntegersRoundTrip() {
        int[] values = {0, 1, 2, 3, 7, 8, 100, 65535, 1 << 20, Integer.MAX_VALUE - 1};
        RangeEncoder enc = new RangeEncoder();
        AdaptiveIntegers model = new AdaptiveIntegers();
        for (int v : values) {
            model.encode(enc, v);
        }
        RangeDecoder dec = new RangeDecoder(enc.finish(), 0);
        AdaptiveIntegers dmodel = new AdaptiveIntegers();
        for (int v : values) {
            assertEquals(v, dmodel.decode(dec));
        }
    }

    @Test
    void zigzagIsABijectionOnSmallIntegers() {
        for (int v = -1000; v <= 1000; v++) {
            assertEquals(v, AdaptiveIntegers.unzigzag(AdaptiveIntegers.zigzag(v)));
            assertTrue(AdaptiveIntegers.zigzag(v) >= 0);
        }
    }
}
