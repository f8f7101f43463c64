package org.neurocompress.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class QualityAccumulatorTest {
    private static final double SCALE2 = 32768.0 * 32768.0;

    // x and y differ by e = x - y = -100, 400, -200, 800, -300, -400, 200, 600.
    private static final short[] X = {0, 6400, -3200, 12800, 0, -6400, 3200, 9600};
    private static final short[] Y = {100, 6000, -3000, 12000, 300, -6000, 3000, 9000};

    @Test
    void errorFiguresMatchTheirDefinitionsWorkedByHand() {
        QualityAccumulator acc = new QualityAccumulator();
        acc.add(X, Y);
        QualityMetrics m = acc.result(4);

        // sum e^2 = 1e4 + 16e4 + 4e4 + 64e4 + 9e4 + 16e4 + 4e4 + 36e4 = 1 500 000
        // sum x^2 = 0 + 40.96e6 + 10.24e6 + 163.84e6 + 0 + 40.96e6 + 10.24e6 + 92.16e6 = 358 400 000
        // mean x = 22400 / 8 = 2800; sum (x - mean)^2 = 358.4e6 - 8 * 2800^2 = 295 680 000
        double mse = 1_500_000 / 8.0 / SCALE2;
        assertEquals(mse, m.mse(), 1e-18);
        assertEquals(10 * Math.log10(358_400_000 / 1_500_000.0), m.snrDb(), 1e-12);
        assertEquals(10 * Math.log10(295_680_000 / 1_500_000.0), m.snrAcDb(), 1e-12);
        assertEquals(10 * Math.log10(1 / mse), m.psnrDb(), 1e-12);
        assertEquals(800, m.maxAbsError());
        assertEquals(2.0 * 8 / 4, m.compressionRatio(), 1e-12);
        assertEquals(1.25 * 8 / 4, m.ratioVs10Bit(), 1e-12);
        // The same figures in decibels, as a second opinion computed with numpy.
        assertEquals(23.782767419344065, m.snrDb(), 1e-9);
        assertEquals(22.947306904843316, m.snrAcDb(), 1e-9);
        assertEquals(37.578985978556986, m.psnrDb(), 1e-9);
    }

    @Test
    void ssimOfAConstantAgainstZerosIsC1OverMuSquaredPlusC1() {
        // One window: x = 0, y = 328 everywhere. Variances and covariance vanish, so
        // SSIM = (0 + C1)(0 + C2) / ((0 + mu_y^2 + C1)(0 + C2)) = C1 / (mu_y^2 + C1), mu_y = 328 / 32768.
        short[] zeros = new short[7];
        short[] constant = {328, 328, 328, 328, 328, 328, 328};
        QualityAccumulator acc = new QualityAccumulator();
        acc.add(zeros, constant);
        double c1 = 0.02 * 0.02;
        double mu = 328 / 32768.0;
        assertEquals(c1 / (mu * mu + c1), acc.result(1).ssim(), 1e-12);
    }

    @Test
    void ssimOfTwoWindowsWithVarianceMatchesAnIndependentComputation() {
        // Eight samples: the 7-sample window fits at two positions; numpy, sample covariance (n - 1).
        QualityAccumulator acc = new QualityAccumulator();
        acc.add(X, Y);
        assertEquals(0.9968024240535496, acc.result(1).ssim(), 1e-12);
    }

    @Test
    void anySplitIntoStretchesMeasuresWhatOneStretchDoes() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(9);
        short[] x = new short[5000];
        short[] y = new short[x.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = (short) random.nextInt(-32768, 32768);
            y[i] = (short) (x[i] / 2 + random.nextInt(-300, 300));
        }
        QualityAccumulator whole = new QualityAccumulator();
        whole.add(x, y);
        for (int trial = 0; trial < 20; trial++) {
            // Stretches shorter and longer than the window, so both its loops meet the ring of the one before.
            QualityAccumulator split = new QualityAccumulator();
            for (int from = 0; from < x.length; ) {
                int length = Math.min(x.length - from, 1 + random.nextInt(trial % 2 == 0 ? 9 : 400));
                split.add(x, from, y, from, length);
                from += length;
            }
            assertEquals(whole.result(1), split.result(1), "trial " + trial);
        }
    }

    @Test
    void ssimContinuesAcrossChunks() {
        QualityAccumulator whole = new QualityAccumulator();
        whole.add(X, Y);
        QualityAccumulator chunked = new QualityAccumulator();
        chunked.add(X, 0, Y, 0, 3);
        chunked.add(X, 3, Y, 3, 5);
        assertEquals(whole.result(1), chunked.result(1));
    }

    @Test
    void exactReconstructionHasNoFiniteDecibels() {
        QualityAccumulator acc = new QualityAccumulator();
        acc.add(X, X.clone());
        QualityMetrics m = acc.result(16);
        assertTrue(m.lossless());
        assertNull(m.snrDb());
        assertNull(m.snrAcDb());
        assertNull(m.psnrDb());
        assertEquals(0.0, m.mse());
        assertEquals(1.0, m.ssim(), 1e-12);
    }

    @Test
    void signalShorterThanTheWindowHasNoSsim() {
        QualityAccumulator acc = new QualityAccumulator();
        acc.add(new short[] {1, 2, 3}, new short[] {1, 2, 4});
        assertNull(acc.result(1).ssim());
    }
}
