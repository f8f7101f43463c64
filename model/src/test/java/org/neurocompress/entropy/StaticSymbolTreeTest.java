package org.neurocompress.entropy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class StaticSymbolTreeTest {
    @Test
    void skewedSymbolsRoundTripAtAboutTheirEntropy() {
        double[] frequencies = new double[256];
        double entropy = 0;
        double total = 0;
        for (int s = 0; s < 256; s++) {
            frequencies[s] = Math.exp(-s / 16.0);
            total += frequencies[s];
        }
        for (double f : frequencies) {
            entropy -= f / total * Math.log(f / total) / Math.log(2);
        }
        StaticSymbolTree tree = new StaticSymbolTree(frequencies);
        Random random = new Random(7);
        int[] symbols = new int[20_000];
        for (int i = 0; i < symbols.length; i++) {
            // Draw from the same distribution by inversion.
            double u = random.nextDouble() * total;
            int s = 0;
            while (s < 255 && (u -= frequencies[s]) > 0) {
                s++;
            }
            symbols[i] = s;
        }
        RangeEncoder rc = new RangeEncoder();
        for (int s : symbols) {
            tree.encode(rc, s);
        }
        byte[] bytes = rc.finish();
        double bitsPerSymbol = bytes.length * 8.0 / symbols.length;
        assertTrue(bitsPerSymbol < entropy * 1.03 + 0.01 && bitsPerSymbol > entropy * 0.9,
                bitsPerSymbol + " bits/symbol for entropy " + entropy);
        RangeDecoder in = new RangeDecoder(bytes, 0);
        for (int s : symbols) {
            assertEquals(s, tree.decode(in));
        }
    }

    @Test
    void aSymbolNeverSeenStaysCodable() {
        double[] frequencies = new double[4];
        frequencies[0] = 1;
        StaticSymbolTree tree = new StaticSymbolTree(frequencies);
        RangeEncoder rc = new RangeEncoder();
        tree.encode(rc, 3);
        tree.encode(rc, 0);
        RangeDecoder in = new RangeDecoder(rc.finish(), 0);
        assertEquals(3, tree.decode(in));
        assertEquals(0, tree.decode(in));
        assertThrows(IllegalArgumentException.class, () -> new StaticSymbolTree(new double[3]));
    }
}
