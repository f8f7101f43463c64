package org.neurocompress.codec.lossless;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.neurocompress.codec.CodecException;
import org.neurocompress.synth.SyntheticElectrode;

/** Exactness on every kind of 16-bit input, the near-lossless bound on every sample, and damaged payloads refused. */
class LosslessCodecTest {
    private final LosslessCodec lossless = new LosslessCodec();
    private final NearLosslessCodec nearLossless = new NearLosslessCodec();

    /** Signals built to break a predictor, a grid detector or a residual model. */
    static Map<String, short[]> adversarial() {
        SplittableRandom random = new SplittableRandom(7);
        Map<String, short[]> signals = new LinkedHashMap<>();
        signals.put("N1-like electrode on a grid", new SyntheticElectrode(3, SyntheticElectrode.N1_SAMPLE_RATE)
                .samples(20_000));
        short[] offGrid = new SyntheticElectrode(4, SyntheticElectrode.N1_SAMPLE_RATE).samples(20_000);
        for (int i = 0; i < offGrid.length; i++) {
            offGrid[i] = (short) Math.max(-32768, Math.min(32767, offGrid[i] + random.nextInt(-40, 41)));
        }
        signals.put("electrode off any grid", offGrid);
        signals.put("all -32768", filled(5000, i -> -32768));
        signals.put("all 32767", filled(5000, i -> 32767));
        signals.put("constant 1234", filled(4097, i -> 1234));
        signals.put("full-scale square wave", filled(16_384, i -> (i / 7) % 2 == 0 ? -32768 : 32767));
        signals.put("full-scale sample-rate square wave", filled(16_384, i -> i % 2 == 0 ? -32768 : 32767));
        signals.put("white noise, 16 bits", filled(16_384, i -> random.nextInt(-32768, 32768)));
        signals.put("white noise on a grid of 64", filled(16_384, i -> 64 * random.nextInt(-512, 512) + 17));
        signals.put("ramp over the whole range", filled(65_536, i -> i - 32768));
        signals.put("single sample", new short[] {-32768});
        signals.put("two samples", new short[] {32767, -32768});
        signals.put("odd length", new SyntheticElectrode(5, SyntheticElectrode.N1_SAMPLE_RATE).samples(4097));
        short[] glitches = new SyntheticElectrode(6, SyntheticElectrode.N1_SAMPLE_RATE).samples(20_000);
        for (int i = 3000; i < glitches.length; i += 2999) {
            glitches[i] = (short) (i % 2 == 0 ? 32767 : -32768); // residuals far past any symbol: escapes
        }
        signals.put("electrode with full-scale glitches", glitches);
        return signals;
    }

    private static short[] filled(int n, java.util.function.IntUnaryOperator f) {
        short[] s = new short[n];
        for (int i = 0; i < n; i++) {
            s[i] = (short) f.applyAsInt(i);
        }
        return s;
    }

    @Test
    void everySignalDecodesExactlyAtEveryLevelAndNeverExpandsBeyondItsHeader() throws CodecException {
        for (int level = 1; level <= LosslessCodec.SPEC.levels().size(); level++) {
            for (Map.Entry<String, short[]> e : adversarial().entrySet()) {
                short[] x = e.getValue();
                byte[] payload = lossless.encode(x, 0, x.length, level, 0);
                assertArrayEquals(x, lossless.decode(payload, x.length, level), e.getKey() + " level " + level);
                assertTrue(payload.length <= 2 * x.length + PredictiveCoder.HEADER_BYTES, e.getKey() + ": "
                        + payload.length + " bytes for " + x.length + " samples");
            }
        }
    }

    @Test
    void theRansLevelIsTheSmallestAndTheFastLevelClose() throws CodecException {
        short[] x = new SyntheticElectrode(12, SyntheticElectrode.N1_SAMPLE_RATE).samples(16_384);
        byte[] smallest = lossless.encode(x, 0, x.length, 1, 0);
        byte[] arithmetic = PredictiveCoder.encode(x, 0, x.length, 0, PredictiveCoder.Coder.MODELLED);
        int fast = lossless.encode(x, 0, x.length, 2, 0).length;
        assertEquals(Predictor.LMS, smallest[1] & 3, "an N1-like frame takes the LMS predictor at level 1");
        assertEquals(0x20, smallest[1] & 0x30, "level 1 codes by rANS");
        assertTrue(smallest.length < arithmetic.length && arithmetic.length < fast && fast < 1.1 * smallest.length,
                "rANS " + smallest.length + " bytes, binary arithmetic " + arithmetic.length + ", fast " + fast);
        assertArrayEquals(x, lossless.decode(arithmetic, x.length, 1), "the binary arithmetic coder's payloads decode");
    }

    /**
     * An electrode read by an ADC whose codes are unevenly wide (odd codes 1.3 times the step, even ones 0.7, each
     * within 0.1 more, the same all through), on a grid of 64.06 units a code: what level 3's sign bits model.
     */
    static short[] unevenAdc(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] widths = new double[1023]; // widths[c] is code c + 1's
        for (int c = 0; c < widths.length; c++) {
            widths[c] = 1 + (c % 2 == 0 ? 0.3 : -0.3) + (random.nextDouble() - 0.5) * 0.2;
        }
        return read(widths, 6, n, random);
    }

    /**
     * A slowly wandering field plus white noise of {@code noise} codes' deviation around code 512, read by an ADC whose
     * codes 1..1023 are {@code widths} wide, on a grid of 64.06 units a code.
     */
    private static short[] read(double[] widths, double noise, int n, SplittableRandom random) {
        double[] boundaries = new double[widths.length]; // boundaries[c] separates code c from code c + 1
        double edge = 0.5;
        for (int c = 0; c < boundaries.length; c++) {
            boundaries[c] = edge;
            edge += widths[c];
        }
        short[] x = new short[n];
        double field = 0;
        for (int i = 0; i < n; i++) {
            field = 0.999 * field + random.nextGaussian() * 0.5;
            double analog = 512 + field + random.nextGaussian() * noise;
            int at = java.util.Arrays.binarySearch(boundaries, analog);
            int code = Math.max(0, Math.min(1023, at >= 0 ? at + 1 : -at - 1));
            x[i] = (short) (Math.round(code * 64.06) - 32768);
        }
        return x;
    }

    @Test
    void level3ModelsUnevenCodeWidthsAndLosesLittleWithoutThem() throws CodecException {
        short[] uneven = unevenAdc(65_536, 4);
        byte[] rans = lossless.encode(uneven, 0, uneven.length, 1, 0);
        byte[] widths = lossless.encode(uneven, 0, uneven.length, 3, 0);
        assertEquals(0x88, widths[1] & 0x88, "level 3 codes sign bits and symbols under the code widths");
        assertEquals(0, rans[1] & 0x88, "level 1 does not");
        assertArrayEquals(uneven, lossless.decode(widths, uneven.length, 3));
        assertTrue(widths.length < 0.99 * rans.length, "level 3 " + widths.length + " bytes, level 1 " + rans.length);
        short[] even = new SyntheticElectrode(13, SyntheticElectrode.N1_SAMPLE_RATE).samples(65_536);
        int evenRans = lossless.encode(even, 0, even.length, 1, 0).length;
        byte[] evenWidths = lossless.encode(even, 0, even.length, 3, 0);
        assertArrayEquals(even, lossless.decode(evenWidths, even.length, 3));
        assertTrue(evenWidths.length < 1.005 * evenRans, "even codes: level 3 " + evenWidths.length
                + " bytes, level 1 " + evenRans);
    }

    /**
     * An electrode read by an ADC whose codes' widths scatter irregularly (1 ± 0.25 of the step, as real ADCs'
     * differential non-linearity does): the codes a residual's magnitude leaves differ in width, not just the two
     * sides of the prediction.
     */
    static short[] irregularAdc(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] widths = new double[1023];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = Math.max(0.3, Math.min(2, 1 + 0.25 * random.nextGaussian()));
        }
        return read(widths, 3, n, random);
    }

    @Test
    void level3WeighsSymbolsByTheWidthsOfTheirCodes() throws CodecException {
        short[] x = irregularAdc(65_536, 4);
        byte[] weighed = lossless.encode(x, 0, x.length, 3, 0);
        byte[] signs = PredictiveCoder.encode(x, 0, x.length, 0, PredictiveCoder.Coder.RANS_WIDTHS);
        assertEquals(0x80, signs[1] & 0x88, "sign bits alone");
        assertArrayEquals(x, lossless.decode(weighed, x.length, 3));
        assertArrayEquals(x, lossless.decode(signs, x.length, 3));
        assertTrue(weighed.length < 0.995 * signs.length, "symbols weighed " + weighed.length
                + " bytes, sign bits alone " + signs.length);
    }

    @Test
    void payloadsWithSignBitsAloneUnderTheWidthsOfEarlierBuildsStillDecode() throws Exception {
        // Written by level 3 of the build before weighed symbols (cc90312) from unevenAdc(8192, 4).
        short[] x = unevenAdc(8192, 4);
        byte[] signs = resource("level3-sign-widths.bin");
        assertEquals(0xE7, signs[1] & 0xFF, "LMS, grid, rANS, compact grid, sign bits under the widths");
        assertArrayEquals(x, lossless.decode(signs, x.length, 3));
        assertEquals(0xEF, lossless.encode(x, 0, x.length, 3, 0)[1] & 0xFF, "now with weighed symbols");
    }

    @Test
    void payloadsOfTheBinaryArithmeticLevelOfEarlierBuildsStillDecode() throws Exception {
        // Written by the build before rANS (6166a79) from this generated electrode: lossless level 1, and
        // near-lossless level 2, whose decoded samples then had this CRC-32.
        short[] x = new SyntheticElectrode(21, SyntheticElectrode.N1_SAMPLE_RATE).samples(8192);
        byte[] exact = resource("level1-binary-arithmetic.bin");
        assertEquals(0x07, exact[1], "an LMS payload on a grid, binary arithmetic coded");
        assertArrayEquals(x, lossless.decode(exact, x.length, 1));
        short[] near = nearLossless.decode(resource("near-lossless-level2-binary-arithmetic.bin"), x.length, 2);
        assertEquals(0xc5dfb8f5L, crc(near), "near-lossless decodes to the samples it did");
    }

    @Test
    void payloadsWithThePlainGridOfEarlierBuildsStillDecode() throws Exception {
        // Written by the build before the compact grid (9e4ec9f) from the same electrode: lossless levels 1 (rANS)
        // and 2 (Rice), and near-lossless level 2 (rANS); now written with the compact grid (rANS frames with their
        // halves interleaved too: the next test).
        short[] x = new SyntheticElectrode(21, SyntheticElectrode.N1_SAMPLE_RATE).samples(8192);
        byte[] rans = resource("level1-rans.bin");
        byte[] rice = resource("level2-rice.bin");
        byte[] near = resource("near-lossless-level2-rans.bin");
        assertEquals(0x27, rans[1], "LMS, grid, rANS");
        assertEquals(0x15, rice[1], "order 1, grid, Rice");
        assertArrayEquals(x, lossless.decode(rans, x.length, 1));
        assertArrayEquals(x, lossless.decode(rice, x.length, 2));
        assertEquals(0xc5dfb8f5L, crc(nearLossless.decode(near, x.length, 2)));
        byte[] now = lossless.encode(x, 0, x.length, 1, 0);
        byte[] nowFast = lossless.encode(x, 0, x.length, 2, 0);
        byte[] nowNear = nearLossless.encode(x, 0, x.length, 2, 0);
        assertEquals(0x67, now[1], "the compact grid");
        assertEquals(0x55, nowFast[1], "the compact grid");
        assertTrue(nowFast.length < rice.length && nowNear.length < near.length,
                nowFast.length + " < " + rice.length + ", " + nowNear.length + " < " + near.length);
        assertArrayEquals(x, lossless.decode(now, x.length, 1));
        assertEquals(0xc5dfb8f5L, crc(nearLossless.decode(nowNear, x.length, 2)), "the same quantised samples");
    }

    @Test
    void lmsFramesCodeTheirHalvesInterleavedAndPayloadsInOneSequenceStillDecode() throws Exception {
        // Written by the build before the interleaved halves (680189b) from the same electrode: lossless level 1 and
        // near-lossless level 2, payload version 1, the residuals in one sequence.
        short[] x = new SyntheticElectrode(21, SyntheticElectrode.N1_SAMPLE_RATE).samples(8192);
        byte[] sequence = resource("level1-rans-in-order.bin");
        byte[] nearSequence = resource("near-lossless-level2-rans-in-order.bin");
        assertEquals(1, sequence[0], "version 1");
        assertEquals(0x67, sequence[1] & 0xFF, "LMS, grid, rANS, compact grid");
        assertArrayEquals(x, lossless.decode(sequence, x.length, 1));
        assertEquals(0xc5dfb8f5L, crc(nearLossless.decode(nearSequence, x.length, 2)));

        byte[] interleaved = lossless.encode(x, 0, x.length, 1, 0);
        byte[] nearInterleaved = nearLossless.encode(x, 0, x.length, 2, 0);
        for (byte[] now : new byte[][] {interleaved, nearInterleaved}) {
            assertEquals(PredictiveCoder.FORMAT_VERSION, now[0]);
            assertEquals(0x67, now[1] & 0xFF, "the same mode");
        }
        assertTrue(!java.util.Arrays.equals(sequence, 1, sequence.length, interleaved, 1, interleaved.length));
        assertArrayEquals(x, lossless.decode(interleaved, x.length, 1));
        assertEquals(0xc5dfb8f5L, crc(nearLossless.decode(nearInterleaved, x.length, 2)),
                "the same predictor over the frame: the same quantised samples");
        // Only the second running mean's start and the longer gap between table rebuilds cost anything.
        assertTrue(interleaved.length < 1.005 * sequence.length && nearInterleaved.length < 1.005
                * nearSequence.length, interleaved.length + " / " + sequence.length + " bytes, near-lossless "
                + nearInterleaved.length + " / " + nearSequence.length);
        // A version-1 payload read as version 2 is refused or decodes to other samples, never silently the same.
        byte[] relabelled = sequence.clone();
        relabelled[0] = PredictiveCoder.FORMAT_VERSION;
        try {
            assertTrue(!java.util.Arrays.equals(x, lossless.decode(relabelled, x.length, 1)));
        } catch (CodecException refused) {
            assertTrue(refused.getMessage().contains("lossless"), refused.getMessage());
        }
    }

    private static long crc(short[] samples) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        for (short s : samples) {
            crc.update(s & 0xFF);
            crc.update(s >> 8 & 0xFF);
        }
        return crc.getValue();
    }

    private static byte[] resource(String name) throws java.io.IOException {
        try (java.io.InputStream in = LosslessCodecTest.class.getResourceAsStream("/lossless/" + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void aRunInsideALargerArrayIsCodedOnItsOwn() throws CodecException {
        short[] x = new SyntheticElectrode(8, SyntheticElectrode.N1_SAMPLE_RATE).samples(10_000);
        byte[] payload = lossless.encode(x, 1234, 5001, 1, 0);
        assertArrayEquals(java.util.Arrays.copyOfRange(x, 1234, 6235), lossless.decode(payload, 5001, 1));
    }

    @Test
    void theGridOfAnN1LikeSignalIsFoundAndPaysOff() {
        short[] onGrid = new SyntheticElectrode(9, SyntheticElectrode.N1_SAMPLE_RATE).samples(16_384);
        short[] sameScaleNoGrid = new short[onGrid.length];
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < onGrid.length; i++) {
            sameScaleNoGrid[i] = (short) (onGrid[i] + random.nextInt(-32, 32));
        }
        int grid = lossless.encode(onGrid, 0, onGrid.length, 1, 0).length;
        int noGrid = lossless.encode(sameScaleNoGrid, 0, onGrid.length, 1, 0).length;
        // The grid removes about 6 bits a sample of the ~11 an off-grid sample of this scale needs.
        assertTrue(grid < 0.6 * noGrid, "grid " + grid + " bytes, without a grid " + noGrid);
        assertTrue(2.0 * onGrid.length / grid > 2.5, "ratio " + 2.0 * onGrid.length / grid);
    }

    @Test
    void nearLosslessKeepsEverySampleWithinItsBoundAndCompressesMoreAsTheBoundGrows() throws CodecException {
        for (Map.Entry<String, short[]> e : adversarial().entrySet()) {
            short[] x = e.getValue();
            int previousBytes = Integer.MAX_VALUE;
            for (int level = 1; level <= 3; level++) {
                byte[] payload = nearLossless.encode(x, 0, x.length, level, 0);
                short[] y = nearLossless.decode(payload, x.length, level);
                int bound = NearLosslessCodec.errorBound(x, 0, x.length, level);
                for (int i = 0; i < x.length; i++) {
                    int error = Math.abs(x[i] - y[i]);
                    if (error > bound) {
                        throw new AssertionError(e.getKey() + " level " + level + ": sample " + i + " off by "
                                + error + ", bound " + bound);
                    }
                }
                assertTrue(payload.length <= 2 * x.length + PredictiveCoder.HEADER_BYTES, e.getKey());
                if (e.getKey().contains("electrode") || e.getKey().equals("odd length")) {
                    assertTrue(payload.length <= (long) previousBytes + 4, e.getKey() + " level " + level + ": " + payload.length
                            + " bytes, the level before " + previousBytes);
                }
                previousBytes = payload.length;
            }
        }
    }

    @Test
    void theBoundIsInGridStepsOnAGridAndInUnitsWithoutOne() throws CodecException {
        short[] grid = adversarial().get("white noise on a grid of 64");
        assertEquals(2 * 64, NearLosslessCodec.errorBound(grid, 0, grid.length, 2));
        short[] noise = adversarial().get("white noise, 16 bits");
        assertEquals(4, NearLosslessCodec.errorBound(noise, 0, noise.length, 3));
        // The bound is used, not just respected: noise with a bound of 4 units is not reproduced exactly.
        short[] y = nearLossless.decode(nearLossless.encode(noise, 0, noise.length, 3, 0), noise.length, 3);
        int max = 0;
        for (int i = 0; i < y.length; i++) {
            max = Math.max(max, Math.abs(noise[i] - y[i]));
        }
        assertEquals(4, max);
    }

    @Test
    void damagedPayloadsAreRefusedWithTheirReason() {
        short[] x = new SyntheticElectrode(11, SyntheticElectrode.N1_SAMPLE_RATE).samples(8192);
        byte[] good = lossless.encode(x, 0, x.length, 1, 0);
        assertTrue(message(() -> lossless.decode(new byte[] {1}, x.length, 1)).contains("shorter than its 3-byte"));
        byte[] version = good.clone();
        version[0] = 9;
        assertTrue(message(() -> lossless.decode(version, x.length, 1)).contains("version 9"));
        byte[] mode = good.clone();
        mode[1] = (byte) 0x40;
        assertTrue(message(() -> lossless.decode(mode, x.length, 1)).contains("mode 0x40"), "compact, no grid");
        byte[] riceWidths = lossless.encode(x, 0, x.length, 2, 0);
        riceWidths[1] |= (byte) 0x80; // code widths are defined for rANS LMS payloads only
        assertTrue(message(() -> lossless.decode(riceWidths, x.length, 2)).contains("is not defined"));
        byte[] weighedAlone = good.clone();
        weighedAlone[1] |= 0x08; // weighed symbols come only with the sign bits under the widths
        assertTrue(message(() -> lossless.decode(weighedAlone, x.length, 1)).contains("is not defined"));
        byte[] both = good.clone();
        both[1] |= 0x10;
        assertTrue(message(() -> lossless.decode(both, x.length, 1)).contains("is not defined"), "rANS and Rice");
        byte[] overlong = good.clone();
        overlong[3] = 0x7F; // the rANS stream's length, past the payload's end
        assertTrue(message(() -> lossless.decode(overlong, x.length, 1)).contains("does not fit a payload"));
        byte[] ransCut = java.util.Arrays.copyOf(good, good.length - 40); // the flat bits end early
        assertTrue(message(() -> lossless.decode(ransCut, x.length, 1)).contains("ends early (truncated)"));
        byte[] fast = lossless.encode(x, 0, x.length, 2, 0);
        byte[] cut = java.util.Arrays.copyOf(fast, fast.length / 2);
        assertTrue(message(() -> lossless.decode(cut, x.length, 2)).contains("ends early (truncated)"));
        assertTrue(message(() -> nearLossless.decode(good, x.length, 2)).contains("bound 0 does not match"));
        SplittableRandom random = new SplittableRandom(5);
        byte[] widths = lossless.encode(x, 0, x.length, 3, 0);
        for (int trial = 0; trial < 900; trial++) {
            byte[] source = trial % 3 == 0 ? good : trial % 3 == 1 ? fast : widths;
            byte[] damaged = trial % 10 < 2 ? java.util.Arrays.copyOf(source, random.nextInt(4, source.length))
                    : source.clone();
            damaged[3 + random.nextInt(damaged.length - 3)] ^= (byte) (1 << random.nextInt(8));
            try {
                assertEquals(x.length, lossless.decode(damaged, x.length, 1).length);
            } catch (CodecException expected) {
                assertTrue(expected.getMessage().contains("lossless"), expected.getMessage());
            }
        }
    }

    private static String message(org.junit.jupiter.api.function.Executable decode) {
        return assertThrows(CodecException.class, decode).getMessage();
    }
}
