package org.neurocompress.codec.lossless;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.neurocompress.codec.CodecException;
import org.neurocompress.synth.SyntheticElectrode;

/** The grid's two layouts describe the same grid, the compact one in less on an N1-like grid, and damage is refused. */
class GridTest {

    private static Grid detect(short[] x) {
        return Grid.detect(x, 0, x.length, new int[x.length], new Grid.Scratch());
    }

    private static byte[] plain(Grid grid) {
        BitWriter out = new BitWriter(64);
        grid.write(Grid.sink(out));
        return out.finish();
    }

    private static byte[] compact(Grid grid) {
        BitWriter out = new BitWriter(64);
        grid.writeCompact(Grid.sink(out));
        return out.finish();
    }

    /** What a decoder reads: the detected grid's codes, step bound, and every sample's value from its code. */
    private static void assertDescribes(Grid detected, short[] x, Grid read, String what) {
        assertEquals(detected.maxCode(), read.maxCode(), what + ": codes");
        assertEquals(detected.stepBound(), read.stepBound(), what + ": step bound");
        int[] codes = new int[x.length];
        Grid.detect(x, 0, x.length, codes, new Grid.Scratch());
        for (int i = 0; i < x.length; i++) {
            assertEquals(x[i], read.value(codes[i]), what + ": sample " + i);
        }
    }

    /** An ADC of 64.0625 units a code with an offset, some levels never used, and one step a unit short. */
    private static short[] adcLike(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        short[] x = new short[n];
        for (int i = 0; i < n; i++) {
            int code = (int) Math.round(random.nextGaussian() * 40);
            int value = (int) Math.floor(code * 64.0625) + 1234 - (code > 3 ? 1 : 0);
            x[i] = (short) value;
        }
        return x;
    }

    @Test
    void bothLayoutsReadBackTheGridTheyDescribe() throws CodecException {
        SplittableRandom random = new SplittableRandom(3);
        short[][] signals = {
            adcLike(16_384, 1),
            new SyntheticElectrode(2, SyntheticElectrode.N1_SAMPLE_RATE).samples(16_384),
            // Irregular gaps: every remainder and many wide gaps.
            fill(4096, i -> random.nextInt(-300, 300) * 50 + new int[] {0, 9, 17, 30}[random.nextInt(4)]),
            fill(3, i -> new int[] {-32768, 32767, 0}[i]),
            fill(5, i -> 100 * i),
        };
        for (short[] x : signals) {
            Grid grid = detect(x);
            assertFalse(grid.isIdentity(), "a grid is found");
            Grid plain = Grid.read(Grid.source(new BitReader(plain(grid), 0)), x.length);
            Grid compact = Grid.readCompact(Grid.source(new BitReader(compact(grid), 0)), x.length);
            assertDescribes(grid, x, plain, "plain");
            assertDescribes(grid, x, compact, "compact");
            for (int c = 0; c <= grid.maxCode(); c++) {
                assertEquals(plain.value(c), compact.value(c), "the value of unused code " + c);
            }
        }
    }

    @Test
    void theCompactLayoutOfAnAdcGridIsLessThanHalfThePlainOne() {
        for (long seed = 1; seed <= 5; seed++) {
            Grid grid = detect(adcLike(16_384, seed));
            int plain = plain(grid).length;
            int compact = compact(grid).length;
            assertTrue(compact < plain / 2, "compact " + compact + " bytes, plain " + plain);
        }
    }

    @Test
    void damagedCompactGridsAreRefusedWithTheirReason() {
        // 3 values from 0 on a step of 64, no wide gap, one uneven gap at distance +5 (code 5, past the last, 2).
        assertTrue(message(compactStream(3, 0, 64, 0, 1, 10, 2)).contains("not at a value's code"));
        // One wide gap at index 8 of 3 values.
        assertTrue(message(compactStream(3, 0, 64, 1, 7, 0)).contains("wide gap 1 of 1 is past"));
        assertTrue(message(compactStream(3, 0, 64, 1_000_000)).contains("1000000 wide gaps among 3 values"));
        assertTrue(message(compactStream(3, 65_000, 64_000, 0, 0)).contains("out of the 16-bit range"));
        SplittableRandom random = new SplittableRandom(9);
        byte[] good = compact(detect(adcLike(16_384, 7)));
        for (int trial = 0; trial < 2000; trial++) {
            byte[] damaged = trial % 5 == 0 ? java.util.Arrays.copyOf(good, random.nextInt(0, good.length))
                    : good.clone();
            if (damaged.length > 0) {
                damaged[random.nextInt(damaged.length)] ^= (byte) (1 << random.nextInt(8));
            }
            try {
                Grid grid = Grid.readCompact(Grid.source(new BitReader(damaged, 0)), 16_384);
                assertTrue(grid.maxCode() >= 0 && grid.maxCode() <= Grid.MAX_CODE);
            } catch (CodecException expected) {
                assertTrue(expected.getMessage().startsWith("lossless"), expected.getMessage());
            }
        }
    }

    /** A compact grid's stream: the value count, the first value, the step, then these unsigned integers. */
    private static byte[] compactStream(int values, int first, int step, int... rest) {
        BitWriter stream = new BitWriter(64);
        Grid.Sink out = Grid.sink(stream);
        out.unsigned(0, values - 1);
        out.bits(first, 16);
        out.unsigned(0, step);
        for (int value : rest) {
            out.unsigned(0, value);
        }
        return stream.finish();
    }

    private static String message(byte[] stream) {
        return assertThrows(CodecException.class,
                () -> Grid.readCompact(Grid.source(new BitReader(stream, 0)), 16_384)).getMessage();
    }

    private static short[] fill(int n, java.util.function.IntUnaryOperator f) {
        short[] s = new short[n];
        for (int i = 0; i < n; i++) {
            s[i] = (short) f.applyAsInt(i);
        }
        return s;
    }
}
