package org.neurocompress.codec.hybrid;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SpectrumTest {
    /** What the coder did before the peaks: scale every coefficient, scan down from the top. */
    private static int scanned(double[] c, double inverse, double threshold) {
        for (int i = c.length - 1; i >= 1; i--) {
            if (Math.abs(c[i] * inverse) >= threshold) {
                return i;
            }
        }
        return 0;
    }

    @Test
    void theLastIndexFromThePeaksIsTheOneAScanFindsAtEveryStepAndThreshold() {
        SplittableRandom random = new SplittableRandom(17);
        double[][] c = new double[40][Background.SEGMENT];
        for (int s = 0; s < c.length; s++) {
            for (int i = 0; i < Background.SEGMENT; i++) {
                c[s][i] = switch (s % 4) {
                    // a spectrum falling with frequency, as a recording's
                    case 0 -> random.nextGaussian() * 4000 / (1 + i / 8.0);
                    // few distinct magnitudes, both signs: ties between peaks
                    case 1 -> (random.nextInt(5) - 2) * 64.0;
                    // mostly zeros
                    case 2 -> random.nextInt(60) == 0 ? random.nextGaussian() * 100 : 0;
                    // silence
                    default -> 0;
                };
            }
        }
        Spectrum spectrum = Spectrum.of(c);
        for (int s = 0; s < c.length; s++) {
            for (int stepIndex = 0; stepIndex <= Background.MAX_STEP_INDEX; stepIndex += 3) {
                double inverse = 1 / Background.step(stepIndex);
                for (double threshold : new double[] {0.5, 0.98, 1.46, 2.5}) {
                    assertEquals(scanned(c[s], inverse, threshold), spectrum.lastIndex(s, inverse, threshold),
                            "segment " + s + ", step index " + stepIndex + ", threshold " + threshold);
                }
            }
        }
    }
}
