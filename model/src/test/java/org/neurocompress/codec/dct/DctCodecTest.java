package org.neurocompress.codec.dct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.neurocompress.codec.CodecException;
import org.neurocompress.codec.CodecLevel;
import org.neurocompress.codec.FrameDecoder;
import org.neurocompress.codec.FrameEncoder;
import org.neurocompress.frame.Frame;
import org.neurocompress.frame.FrameWriter;
import org.neurocompress.metrics.QualityAccumulator;
import org.neurocompress.metrics.QualityMetrics;
import org.neurocompress.synth.SyntheticElectrode;

/** The dct codec against the quality docs/codecs.md documents for it on generated signals. */
class DctCodecTest {
    /**
     * docs/codecs.md: the lowest SNR (dB) per level measured on generated electrodes (seeds 1 to 30, 10 s each),
     * less 0.5 dB. Generated electrodes range from spike-rich to noise-dominated, hence the spread.
     */
    private static final double[] MIN_SNR_DB = {0, 9.4, 5.0, 3.7, 3.0, 2.4, 1.9};
    private static final int SECONDS = 10;

    @Test
    void everyLevelMeetsItsRatioAndDocumentedQualityOnGeneratedSignals() throws Exception {
        DctCodec codec = new DctCodec();
        for (long seed = 1; seed <= 4; seed++) {
            short[] signal = new SyntheticElectrode(seed, 19531).samples(SECONDS * 19531);
            for (CodecLevel level : codec.levels()) {
                QualityMetrics m = roundTrip(codec, level.level(), signal);
                double ratio = m.compressionRatio();
                assertTrue(ratio >= 0.9 * level.nominalRatio() && ratio <= 1.25 * level.nominalRatio(),
                        "seed " + seed + " level " + level.level() + ": ratio " + ratio);
                assertTrue(m.snrDb() >= MIN_SNR_DB[level.level()],
                        "seed " + seed + " level " + level.level() + ": SNR " + m.snrDb());
            }
        }
    }

    @Test
    void qualityFallsAsTheRatioRises() throws Exception {
        DctCodec codec = new DctCodec();
        short[] signal = new SyntheticElectrode(9, 19531).samples(SECONDS * 19531);
        double previous = Double.POSITIVE_INFINITY;
        for (CodecLevel level : codec.levels()) {
            double snr = roundTrip(codec, level.level(), signal).snrDb();
            assertTrue(snr < previous, "level " + level.level() + " SNR " + snr + " not below " + previous);
            previous = snr;
        }
    }

    @Test
    void corruptPayloadsDecodeToAnErrorOrTheRightLengthNeverACrash() {
        DctCodec codec = new DctCodec();
        short[] signal = new SyntheticElectrode(3, 19531).samples(8192);
        byte[] valid = codec.encode(signal, 0, 8192, 3, 400);
        SplittableRandom random = new SplittableRandom(11);
        assertTimeoutPreemptively(Duration.ofMinutes(1), () -> {
            for (int i = 0; i < 3000; i++) {
                byte[] b = valid.clone();
                if (random.nextBoolean()) {
                    b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                } else {
                    b = java.util.Arrays.copyOf(b, random.nextInt(b.length));
                }
                try {
                    assertEquals(8192, codec.decode(b, 8192, 3).length);
                } catch (CodecException expected) {
                    assertTrue(expected.getMessage().contains("dct payload"));
                }
            }
        });
    }

    static QualityMetrics roundTrip(DctCodec codec, int level, short[] signal) throws Exception {
        FrameEncoder encoder = new FrameEncoder(codec, level);
        FrameDecoder decoder = new FrameDecoder(codec);
        QualityAccumulator acc = new QualityAccumulator();
        long bytes = 0;
        for (int offset = 0; offset < signal.length; offset += encoder.samplesPerFrame()) {
            int n = Math.min(encoder.samplesPerFrame(), signal.length - offset);
            Frame frame = encoder.encode(0, offset, 19531, signal, offset, n);
            bytes += FrameWriter.toBytes(frame).length;
            acc.add(signal, offset, decoder.decode(frame), 0, n);
        }
        return acc.result(bytes);
    }
}
