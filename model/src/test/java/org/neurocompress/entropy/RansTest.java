package org.neurocompress.entropy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** rANS under adaptive 16-symbol tables: what is coded is what is decoded, and skewed symbols cost what they carry. */
class RansTest {
    private static final int CONTEXTS = 5;

    /** Symbols whose skew depends on their context, as residual symbols do on their Rice parameter. */
    private static int[][] symbols(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] contexts = new int[n];
        int[] symbols = new int[n];
        for (int i = 0; i < n; i++) {
            contexts[i] = random.nextInt(CONTEXTS);
            double mean = 0.3 + 2.5 * contexts[i];
            symbols[i] = Math.min(AdaptiveFrequencies.SYMBOLS - 1, (int) (-Math.log(1 - random.nextDouble()) * mean));
        }
        return new int[][] {contexts, symbols};
    }

    /** Codes with the schedule the lossless coder uses: rebuilds after 1, 2, 4, ... symbols. */
    private static byte[] encode(int[] contexts, int[] symbols, int n) {
        AdaptiveFrequencies model = new AdaptiveFrequencies(CONTEXTS, false);
        int[] intervals = new int[n];
        int used = 0;
        int period = 1;
        int until = 1;
        for (int i = 0; i < n; i++) {
            intervals[i] = model.interval(contexts[i], symbols[i]);
            assertEquals(AdaptiveFrequencies.pack(symbols[i], model.start(contexts[i], symbols[i]),
                    model.frequency(contexts[i], symbols[i])), intervals[i], "the interval of the tables");
            assertTrue(AdaptiveFrequencies.frequencyOf(intervals[i]) >= 1, "every symbol keeps a share");
            model.count(contexts[i], symbols[i]);
            used |= 1 << contexts[i];
            if (--until == 0) {
                model.rebuild(used);
                used = 0;
                period = AdaptiveFrequencies.nextPeriod(period);
                until = period;
            }
        }
        byte[] out = new byte[Rans.maxBytes(n)];
        int from = Rans.encode(intervals, n, out);
        return java.util.Arrays.copyOfRange(out, from, out.length);
    }

    private static int state(byte[] in, int p) {
        return (in[p] & 0xFF) << 24 | (in[p + 1] & 0xFF) << 16 | (in[p + 2] & 0xFF) << 8 | in[p + 3] & 0xFF;
    }

    @Test
    void whatIsCodedDecodesInOrderAndTheStreamEndsWhereTheEncoderStarted() {
        for (int n : new int[] {0, 1, 2, 3, 4, 5, 7, 8, 1000, 100_001}) {
            int[][] cs = symbols(n, n);
            byte[] stream = encode(cs[0], cs[1], n);
            AdaptiveFrequencies model = new AdaptiveFrequencies(CONTEXTS, true);
            int[] states = {state(stream, 0), state(stream, 4), state(stream, 8), state(stream, 12)};
            int p = 4 * Rans.STATES;
            int used = 0;
            int period = 1;
            int until = 1;
            for (int i = 0; i < n; i++) {
                int c = cs[0][i];
                int x = states[i % Rans.STATES];
                int s = model.symbol(c, Rans.slot(x));
                assertEquals(cs[1][i], s, "symbol " + i + " of " + n);
                x = Rans.decode(x, model.start(c, s), model.frequency(c, s));
                while (x < Rans.LOW) {
                    x = x << 8 | stream[p++] & 0xFF;
                }
                states[i % Rans.STATES] = x;
                model.count(c, s);
                used |= 1 << c;
                if (--until == 0) {
                    model.rebuild(used);
                    used = 0;
                    period = AdaptiveFrequencies.nextPeriod(period);
                    until = period;
                }
            }
            assertEquals(stream.length, p, "every byte read, none past the end, n = " + n);
            for (int x : states) {
                assertEquals(Rans.LOW, x, "every state back where the encoder started it");
            }
        }
    }

    @Test
    void intervalsOfEveryWidthRoundTripTheNarrowestTakingTwoBytes() {
        // Fixed intervals from 1 to 2^11 − 1 wide, so that a renormalisation needs no byte, one byte or (a width of
        // 1 after a large state) two: the encoder and decoder write and read them without a branch on the first.
        SplittableRandom random = new SplittableRandom(9);
        int n = 50_000;
        int[] intervals = new int[n];
        for (int i = 0; i < n; i++) {
            int frequency = random.nextInt(4) == 0 ? 1 : 1 + random.nextInt((1 << Rans.SCALE_BITS) - 1);
            int start = random.nextInt((1 << Rans.SCALE_BITS) - frequency + 1);
            intervals[i] = AdaptiveFrequencies.pack(i & 15, start, frequency);
        }
        byte[] out = new byte[Rans.maxBytes(n)];
        int from = Rans.encode(intervals, n, out);
        int[] states = {state(out, from), state(out, from + 4), state(out, from + 8), state(out, from + 12)};
        int p = from + 4 * Rans.STATES;
        int twoBytes = 0;
        for (int i = 0; i < n; i++) {
            int x = states[i % Rans.STATES];
            int start = AdaptiveFrequencies.startOf(intervals[i]);
            int frequency = AdaptiveFrequencies.frequencyOf(intervals[i]);
            int slot = Rans.slot(x);
            assertTrue(slot >= start && slot < start + frequency, "interval " + i + " holds its slot");
            x = Rans.decode(x, start, frequency);
            int read = 0;
            while (x < Rans.LOW) {
                x = x << 8 | out[p++] & 0xFF;
                read++;
            }
            twoBytes += read == 2 ? 1 : 0;
            states[i % Rans.STATES] = x;
        }
        assertEquals(out.length, p, "every byte read");
        for (int x : states) {
            assertEquals(Rans.LOW, x);
        }
        assertTrue(twoBytes > 1000, twoBytes + " renormalisations of two bytes");
    }

    @Test
    void skewedSymbolsCostCloseToTheirEntropy() {
        int n = 200_000;
        int[][] cs = symbols(n, 11);
        int[] histogram = new int[CONTEXTS * AdaptiveFrequencies.SYMBOLS];
        int[] perContext = new int[CONTEXTS];
        for (int i = 0; i < n; i++) {
            histogram[cs[0][i] * AdaptiveFrequencies.SYMBOLS + cs[1][i]]++;
            perContext[cs[0][i]]++;
        }
        double bits = 0;
        for (int i = 0; i < histogram.length; i++) {
            if (histogram[i] > 0) {
                bits -= histogram[i] * Math.log((double) histogram[i] / perContext[i / AdaptiveFrequencies.SYMBOLS])
                        / Math.log(2);
            }
        }
        int bytes = encode(cs[0], cs[1], n).length;
        assertTrue(bytes * 8 < bits * 1.01 + 800, bytes * 8 + " bits against an entropy of " + bits);
    }

    @Test
    void resetBringsBackTheFirstTableInEveryContextAFrameRebuilt() {
        AdaptiveFrequencies used = new AdaptiveFrequencies(5, true);
        AdaptiveFrequencies fresh = new AdaptiveFrequencies(5, true);
        for (int frame = 0; frame < 3; frame++) {
            for (int i = 0; i < 500; i++) {
                used.count(frame % 2 == 0 ? 1 : 4, i % 3);
                used.count(2, 15);
            }
            used.rebuild(frame % 2 == 0 ? 0b00110 : 0b10100);
            assertTrue(used.frequency(2, 15) > fresh.frequency(2, 15), "the rebuilt table learned");
            used.reset();
            for (int c = 0; c < 5; c++) {
                for (int symbol = 0; symbol < AdaptiveFrequencies.SYMBOLS; symbol++) {
                    assertEquals(fresh.start(c, symbol), used.start(c, symbol), "context " + c);
                    assertEquals(fresh.frequency(c, symbol), used.frequency(c, symbol), "context " + c);
                }
                for (int slot = 0; slot < 1 << AdaptiveFrequencies.SCALE_BITS; slot++) {
                    assertEquals(fresh.entry(c, slot), used.entry(c, slot), "context " + c + " slot " + slot);
                }
            }
        }
    }

    @Test
    void aTableAlwaysSumsToItsScaleAndEverySlotNamesTheSymbolWhoseIntervalHoldsIt() {
        AdaptiveFrequencies model = new AdaptiveFrequencies(1, true);
        SplittableRandom random = new SplittableRandom(3);
        int scale = 1 << AdaptiveFrequencies.SCALE_BITS;
        for (int round = 0; round < 200; round++) {
            // Runs of one symbol push its count past the halving limit and the others down to their floor.
            int s = random.nextInt(AdaptiveFrequencies.SYMBOLS);
            for (int i = 0; i < 1 + random.nextInt(3000); i++) {
                model.count(0, s);
            }
            model.rebuild(1);
            int total = 0;
            for (int symbol = 0; symbol < AdaptiveFrequencies.SYMBOLS; symbol++) {
                int f = model.frequency(0, symbol);
                assertTrue(f >= 1, "symbol " + symbol + " keeps a share");
                assertEquals(total, model.start(0, symbol));
                for (int slot = total; slot < total + f; slot++) {
                    int entry = model.entry(0, slot);
                    assertEquals(symbol, AdaptiveFrequencies.symbolOf(entry), "the symbol of slot " + slot);
                    assertEquals(total, AdaptiveFrequencies.startOf(entry), "its interval's start");
                    assertEquals(f, AdaptiveFrequencies.frequencyOf(entry), "its interval's width");
                }
                total += f;
            }
            assertEquals(scale, total);
        }
    }
}
