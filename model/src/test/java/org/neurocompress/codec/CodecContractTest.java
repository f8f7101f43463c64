package org.neurocompress.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.neurocompress.frame.Frame;
import org.neurocompress.synth.SyntheticElectrode;

/**
 * What every codec promises, checked the same way for each one registered (learned codecs with their shipped
 * models): frames decode to exactly their sample count, within the level's byte budget; a batch encodes as its runs
 * one by one; decoding is a function of the payload; damaged payloads fail with a CodecException or decode to the
 * right length, never anything else; a frame is refused by another model or codec.
 */
class CodecContractTest {
    private static final Map<String, Codec> CODECS = new ConcurrentHashMap<>();
    private static final short[] SIGNAL = new SyntheticElectrode(21, SyntheticElectrode.N1_SAMPLE_RATE)
            .samples(70_000);

    static List<String> codecs() {
        return Codecs.names();
    }

    private static Codec codec(String name) {
        return CODECS.computeIfAbsent(name, n -> {
            try {
                return Codecs.create(n, Optional.empty());
            } catch (java.io.IOException e) {
                throw new AssertionError(n + ": " + e.getMessage(), e);
            }
        });
    }

    @AfterAll
    static void close() {
        CODECS.values().forEach(Codec::close);
    }

    /**
     * raw and paper have payloads of a fixed size by format (2 bytes a sample, one index a segment); lossless and
     * near-lossless take what the signal needs to meet their error bound, whatever the nominal ratio.
     */
    private static boolean fixedRate(Codec codec) {
        return List.of("raw", "paper", "lossless", "near-lossless").contains(codec.name());
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void everyLevelDecodesToTheOriginalLengthWithinItsBudget(String name) throws Exception {
        Codec codec = codec(name);
        for (CodecLevel level : codec.levels()) {
            FrameEncoder encoder = new FrameEncoder(codec, level.level());
            FrameDecoder decoder = new FrameDecoder(codec);
            for (int length : new int[] {encoder.samplesPerFrame(), codec.segmentLength() + 17, 1}) {
                int n = Math.min(length, SIGNAL.length);
                Frame frame = encoder.encode(3, 1000, SyntheticElectrode.N1_SAMPLE_RATE, SIGNAL, 0, n);
                short[] decoded = decoder.decode(frame);
                assertEquals(n, decoded.length, name + " level " + level.level());
                assertArrayEquals(decoded, decoder.decode(frame), "decoding is a function of the payload");
                // Whole frames: a short one (a recording's last) can have a budget of 4 bytes, its floor, less than
                // some payloads' fixed fields (vqcae's step and depth bytes); such a frame is mostly header anyway.
                if (!fixedRate(codec) && n == encoder.samplesPerFrame()) {
                    int budget = FrameEncoder.payloadBudget(level, codec.fingerprint().length,
                            codec.segmentLength(), 3, 1000, SyntheticElectrode.N1_SAMPLE_RATE, n);
                    assertTrue(frame.payload().length <= budget, name + " level " + level.level() + " length " + n
                            + ": payload " + frame.payload().length + " over its budget " + budget);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void aBatchEncodesExactlyAsItsRunsOneByOne(String name) {
        Codec codec = codec(name);
        int level = codec.defaultLevel();
        List<short[]> runs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            runs.add(java.util.Arrays.copyOfRange(SIGNAL, i * 9000, i * 9000 + 2000 + i * 3000));
        }
        int[] budgets = {300, 40, 900, 120, 2000};
        List<byte[]> batch = codec.encodeBatch(runs, level, budgets);
        for (int i = 0; i < runs.size(); i++) {
            assertArrayEquals(codec.encode(runs.get(i), 0, runs.get(i).length, level, budgets[i]), batch.get(i),
                    name + " run " + i);
        }
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void damagedPayloadsFailWithACodecExceptionOrDecodeToTheRightLength(String name) {
        Codec codec = codec(name);
        SplittableRandom random = new SplittableRandom(7);
        for (CodecLevel level : codec.levels()) {
            int n = new FrameEncoder(codec, level.level()).samplesPerFrame();
            int budget = FrameEncoder.payloadBudget(level, codec.fingerprint().length, codec.segmentLength(), 0, 0,
                    SyntheticElectrode.N1_SAMPLE_RATE, n);
            byte[] payload = codec.encode(SIGNAL, 0, Math.min(n, SIGNAL.length), level.level(), budget);
            int samples = Math.min(n, SIGNAL.length);
            for (int trial = 0; trial < 60; trial++) {
                byte[] damaged = damage(payload, random);
                try {
                    assertEquals(samples, codec.decode(damaged, samples, level.level()).length);
                } catch (CodecException expected) {
                    // the documented failure
                } catch (RuntimeException e) {
                    fail(name + " level " + level.level() + ": a damaged payload threw " + e, e);
                }
            }
        }
    }

    private static byte[] damage(byte[] payload, SplittableRandom random) {
        byte[] d = payload.clone();
        switch (random.nextInt(3)) {
            case 0 -> d[random.nextInt(d.length)] ^= (byte) (1 << random.nextInt(8));
            case 1 -> d = java.util.Arrays.copyOf(d, random.nextInt(d.length));
            default -> {
                for (int i = 0; i < d.length; i++) {
                    d[i] = (byte) random.nextInt(256);
                }
            }
        }
        return d;
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void aFrameOfAnotherModelOrCodecIsRefused(String name) throws Exception {
        Codec codec = codec(name);
        Frame frame = new FrameEncoder(codec, codec.defaultLevel()).encode(0, 0, SyntheticElectrode.N1_SAMPLE_RATE,
                SIGNAL, 0, 5000);
        if (codec.fingerprint().length > 0) {
            byte[] other = codec.fingerprint();
            other[0] ^= 1;
            Frame elsewhere = new Frame(frame.codec(), frame.level(), other, frame.channel(),
                    frame.firstSampleIndex(), frame.sampleRate(), frame.segmentLength(), frame.sampleCount(),
                    frame.payload());
            assertThrows(WrongModelException.class, () -> new FrameDecoder(codec).decode(elsewhere));
        }
        String otherName = name.equals("raw") ? "dct" : "raw";
        CodecException e = assertThrows(CodecException.class, () -> new FrameDecoder(codec(otherName)).decode(
                frame));
        assertTrue(e.getMessage().contains(name), e.getMessage());
    }
}
