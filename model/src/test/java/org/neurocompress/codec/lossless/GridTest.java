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
        // n = 3 values, first 0, step 64, no wide gaps, then one uneven gap at a code past the last value.
        BitWriter past = new BitWriter(64);
        Grid.Sink out = Grid.sink(past);
        out.unsigned(0, 2);
        out.bits(0, 16);
        out.unsigned(0, 64);
        out.unsigned(0, 0);
        out.unsigned(0, 1);
        out.unsigned(0, 10); // distance +5: code 5, past code 2
        out.unsigned(0, 2);
        assertTrue(message(past).contains("not at a value's code"));
        BitWriter wide = new BitWriter(64);
        out = Grid.sink(wide);
        out.unsigned(0, 2);
        out.bits(0, 16);
        out.unsigned(0, 64);
        out.unsigned(0, 1);
        out.unsigned(0, 7); // index 8 of 3 values
        out.unsigned(0, 0);
        assertTrue(message(wide).contains("wide gap 1 of 1 is past"));
        BitWriter many = new BitWriter(64);
        out = Grid.sink(many);
        out.unsigned(0, 2);
        out.bits(0, 16);
        out.unsigned(0, 64);
        out.unsigned(0, 1_000_000);
        assertTrue(message(many).contains("1000000 wide gaps among 3 values"));
        BitWriter range = new BitWriter(64);
        out = Grid.sink(range);
        out.unsigned(0, 2);
        out.bits(65_000, 16);
        out.unsigned(0, 64_000);
        out.unsigned(0, 0);
        out.unsigned(0, 0);
        assertTrue(message(range).contains("out of the 16-bit range"));
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

    private static String message(BitWriter stream) {
        byte[] bytes = stream.finish();
        return assertThrows(CodecException.class,
                () -> Grid.readCompact(Grid.source(new BitReader(bytes, 0)), 16_384)).getMessage();
    }

    private static short[] fill(int n, java.util.function.IntUnaryOperator f) {
        short[] s = new short[n];
        for (int i = 0; i < n; i++) {
            s[i] = (short) f.applyAsInt(i);
        }
        return s;
    }
}
