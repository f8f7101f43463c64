package org.neurocompress.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.neurocompress.frame.Frame;
import org.neurocompress.frame.FrameFormatException;
import org.neurocompress.frame.FrameReader;
import org.neurocompress.frame.FrameWriter;
import org.neurocompress.synth.SyntheticElectrode;

/**
 * Thousands of damaged frames of every codec, decoded as a receiver would: bytes flipped on the wire (the checksum
 * catches them), and payloads damaged under a valid checksum (the codec must). Only the documented failures may
 * escape: FrameFormatException from the frame reader, CodecException from the decoder. A hang guard bounds the
 * whole run; a decode that returns must return the frame's sample count.
 */
class FrameFuzzTest {
    private static final int MUTATIONS = 1500;

    static List<String> codecs() {
        return Codecs.names();
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void damagedFramesFailOnlyAsDocumented(String name) throws Exception {
        try (Codec codec = Codecs.create(name, Optional.empty())) {
            short[] signal = new SyntheticElectrode(5, SyntheticElectrode.N1_SAMPLE_RATE).samples(70_000);
            List<Frame> frames = new ArrayList<>();
            for (CodecLevel level : codec.levels()) {
                FrameEncoder encoder = new FrameEncoder(codec, level.level());
                int n = Math.min(encoder.samplesPerFrame(), 9000);
                frames.add(encoder.encode(level.level() % 3, 4096L * level.level(), SyntheticElectrode.N1_SAMPLE_RATE,
                        signal, 0, n));
            }
            FrameDecoder decoder = new FrameDecoder(codec);
            SplittableRandom random = new SplittableRandom(name.hashCode());
            int[] outcomes = new int[3];
            assertTimeoutPreemptively(Duration.ofMinutes(3), () -> {
                for (int i = 0; i < MUTATIONS; i++) {
                    Frame original = frames.get(random.nextInt(frames.size()));
                    byte[] wire = random.nextInt(10) < 3 ? flipOnTheWire(original, random)
                            : FrameWriter.toBytes(withDamagedPayload(original, random));
                    try {
                        Frame frame = FrameReader.parse(wire);
                        short[] decoded = decoder.decode(frame);
                        assertEquals(frame.sampleCount(), decoded.length);
                        outcomes[0]++;
                    } catch (FrameFormatException e) {
                        outcomes[1]++;
                    } catch (CodecException e) {
                        outcomes[2]++;
                    } catch (RuntimeException e) {
                        fail(name + ": mutation " + i + " threw " + e, e);
                    }
                }
            });
            System.out.printf("%s: %d damaged frames: %d decoded to the right length, %d refused by the frame "
                    + "reader, %d by the codec%n", name, MUTATIONS, outcomes[0], outcomes[1], outcomes[2]);
        }
    }

    private static byte[] flipOnTheWire(Frame frame, SplittableRandom random) {
        byte[] wire = FrameWriter.toBytes(frame);
        int flips = 1 + random.nextInt(4);
        for (int f = 0; f < flips; f++) {
            wire[random.nextInt(wire.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return random.nextInt(5) == 0 ? java.util.Arrays.copyOf(wire, random.nextInt(wire.length)) : wire;
    }

    /** The same frame with its payload flipped, truncated, extended or replaced, under a valid checksum. */
    private static Frame withDamagedPayload(Frame frame, SplittableRandom random) {
        byte[] p = frame.payload().clone();
        switch (random.nextInt(5)) {
            case 0 -> {
                if (p.length > 0) {
                    p[random.nextInt(p.length)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 1 -> p = java.util.Arrays.copyOf(p, p.length == 0 ? 0 : random.nextInt(p.length));
            case 2 -> {
                p = java.util.Arrays.copyOf(p, p.length + 1 + random.nextInt(16));
                for (int i = frame.payload().length; i < p.length; i++) {
                    p[i] = (byte) random.nextInt(256);
                }
            }
            case 3 -> {
                for (int i = 0; i < p.length; i++) {
                    p[i] = (byte) random.nextInt(256);
                }
            }
            default -> {
                for (int i = 0; i < p.length; i++) {
                    p[i] = random.nextBoolean() ? (byte) 0xFF : 0;
                }
            }
        }
        int limit = org.neurocompress.frame.FrameLimits.maxPayloadBytes(frame.sampleCount());
        if (p.length > limit) {
            p = java.util.Arrays.copyOf(p, limit);
        }
        return new Frame(frame.codec(), frame.level(), frame.fingerprint(), frame.channel(), frame.firstSampleIndex(),
                frame.sampleRate(), frame.segmentLength(), frame.sampleCount(), p);
    }
}
