package org.neurocompress.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Random corruption and truncation of valid frames: the reader must answer every input with a frame or a
 * {@link FrameFormatException}, never another exception, an allocation beyond the input's bounds, or a hang.
 */
class FrameReaderFuzzTest {
    private static final int CASES = 200_000;

    @Test
    void corruptedAndTruncatedFramesGiveAClearErrorEveryTime() {
        byte[] valid = FrameWriter.toBytes(FrameReaderTest.sample());
        byte[] small = FrameWriter.toBytes(new Frame(CodecId.RAW, 1, new byte[0], 3, 5, 1000, 4, 6, new byte[12]));
        SplittableRandom random = new SplittableRandom(2024);
        int[] outcomes = new int[2];
        assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
            for (int i = 0; i < CASES; i++) {
                byte[] input = mutate(random.nextBoolean() ? valid : small, random);
                try {
                    Frame frame = FrameReader.parse(input);
                    // Accepted only if the bytes really are an intact frame.
                    assertEquals(input.length, FrameWriter.toBytes(frame).length);
                    outcomes[0]++;
                } catch (FrameFormatException expected) {
                    if (expected.getMessage() == null || expected.getMessage().isBlank()) {
                        fail("error without a message for input " + Arrays.toString(input));
                    }
                    outcomes[1]++;
                } catch (RuntimeException | OutOfMemoryError e) {
                    throw new AssertionError("reader crashed on " + Arrays.toString(input), e);
                }
            }
        });
        assertEquals(CASES, outcomes[0] + outcomes[1]);
        // Almost every mutation is caught; the rare survivors are mutations that changed nothing.
        if (outcomes[1] < CASES * 0.95) {
            fail("only " + outcomes[1] + " of " + CASES + " corrupted inputs were rejected");
        }
    }

    private static byte[] mutate(byte[] valid, SplittableRandom random) {
        byte[] b = valid.clone();
        switch (random.nextInt(5)) {
            case 0 -> b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
            case 1 -> {
                for (int k = random.nextInt(1, 8); k > 0; k--) {
                    b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                }
            }
            case 2 -> b = Arrays.copyOf(b, random.nextInt(b.length));
            case 3 -> {
                b[random.nextInt(Math.min(16, b.length))] = (byte) random.nextInt(256);
                b = Arrays.copyOf(b, random.nextInt(1, b.length + 1));
            }
            default -> {
                byte[] noise = new byte[random.nextInt(64)];
                random.nextBytes(noise);
                b = noise;
            }
        }
        return b;
    }
}
