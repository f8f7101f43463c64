package org.neurocompress.codec.lossless;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.neurocompress.entropy.AdaptiveFrequencies;

/** The weighed symbol tables: a partition of the escape's share, found again from every slot, and never stale. */
class CodeWidthsTest {
    private static final int MAX_CODE = 1023;
    private static final int ESCAPE = AdaptiveFrequencies.SYMBOLS - 1;

    /** A decoder's tables whose three weighed contexts have learnt a two-sided geometric residual. */
    private static AdaptiveFrequencies trainedModel(long seed) {
        AdaptiveFrequencies model = new AdaptiveFrequencies(RansResiduals.CONTEXTS, true);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 30_000; i++) {
            int context = random.nextInt(CodeWidths.WEIGHED_CONTEXTS);
            model.count(context, Math.min(ESCAPE, (int) (-Math.log(1 - random.nextDouble()) * 4)));
        }
        model.rebuild((1 << CodeWidths.WEIGHED_CONTEXTS) - 1);
        return model;
    }

    /** Widths after 4096 codes of an ADC whose codes come unevenly often around code 512. */
    private static CodeWidths unevenWidths(long seed) {
        CodeWidths widths = new CodeWidths();
        widths.reset(MAX_CODE);
        SplittableRandom random = new SplittableRandom(seed);
        for (int t = 0; t < 4096; t++) {
            int code = 512 + (int) Math.round(random.nextGaussian() * 20);
            if (random.nextInt(3) == 0 && code % 5 == 0) {
                code++; // every fifth code a third rarer, its upper neighbour more common
            }
            widths.count(code, t);
        }
        return widths;
    }

    private static int shift(int context) {
        return context <= 1 ? 0 : 1;
    }

    @Test
    void weighedIntervalsShareTheEscapesShareAndEverySlotFindsItsOwn() {
        AdaptiveFrequencies model = trainedModel(1);
        CodeWidths widths = unevenWidths(2);
        assertTrue(widths.weighing());
        for (int context = 0; context < CodeWidths.WEIGHED_CONTEXTS; context++) {
            int share = AdaptiveFrequencies.startOf(model.interval(context, ESCAPE));
            for (int prediction : new int[] {0, 1, 7, 480, 500, 511, 512, 530, 1016, MAX_CODE}) {
                int start = 0;
                for (int s = 0; s < ESCAPE; s++) {
                    int interval = widths.weighedInterval(model, context, prediction, shift(context), s);
                    assertEquals(s, AdaptiveFrequencies.symbolOf(interval));
                    assertEquals(start, AdaptiveFrequencies.startOf(interval), "contiguous");
                    assertTrue(AdaptiveFrequencies.frequencyOf(interval) >= 1);
                    start += AdaptiveFrequencies.frequencyOf(interval);
                }
                assertEquals(share, start, "the 15 symbols fill what the escape leaves");
                for (int slot = 0; slot < 1 << AdaptiveFrequencies.SCALE_BITS; slot++) {
                    int entry = widths.weighedEntry(model, context, prediction, shift(context), slot);
                    int from = AdaptiveFrequencies.startOf(entry);
                    assertTrue(from <= slot && slot < from + AdaptiveFrequencies.frequencyOf(entry),
                            "slot " + slot + " in its interval");
                    if (slot < share) {
                        assertEquals(entry, widths.weighedInterval(model, context, prediction, shift(context),
                                AdaptiveFrequencies.symbolOf(entry)));
                    } else {
                        assertEquals(model.interval(context, ESCAPE), entry, "the escape's interval is the table's");
                    }
                }
            }
        }
    }

    @Test
    void aCodeThatComesMoreOftenThanItsNeighboursWidensItsSymbol() {
        AdaptiveFrequencies model = trainedModel(3);
        CodeWidths widths = new CodeWidths();
        widths.reset(MAX_CODE);
        for (int t = 0; t < 1024; t++) {
            widths.count(t % 3 == 0 ? 600 : 590 + t % 21, t); // code 600 about eight times its neighbours
        }
        // Context 0 (shift 0): symbol 0 is the predicted code itself.
        int table = AdaptiveFrequencies.frequencyOf(model.interval(0, 0));
        int onTheCommonCode = AdaptiveFrequencies.frequencyOf(widths.weighedInterval(model, 0, 600, 0, 0));
        int besideIt = AdaptiveFrequencies.frequencyOf(widths.weighedInterval(model, 0, 601, 0, 0));
        assertTrue(onTheCommonCode > table && besideIt < table,
                "table " + table + ", predicted on the common code " + onTheCommonCode + ", beside it " + besideIt);
    }

    @Test
    void tablesFollowTheFrequenciesAndTheWidthsAsTheyChange() {
        AdaptiveFrequencies model = trainedModel(4);
        CodeWidths widths = unevenWidths(5);
        int before = widths.weighedInterval(model, 2, 505, 1, 3);
        for (int i = 0; i < 5000; i++) {
            model.count(2, 3); // symbol 3 far more common in context 2
        }
        model.rebuild(1 << 2);
        int afterRebuild = widths.weighedInterval(model, 2, 505, 1, 3);
        assertTrue(AdaptiveFrequencies.frequencyOf(afterRebuild) > AdaptiveFrequencies.frequencyOf(before));
        CodeWidths fresh = unevenWidths(5);
        assertEquals(fresh.weighedInterval(model, 2, 505, 1, 3), afterRebuild, "not the table made before");
        for (int t = 4096; t < 5120; t++) {
            widths.count(t % 2 == 0 ? 508 : 501, t); // a refresh with codes 4 and 3 away from the prediction
        }
        assertNotEquals(afterRebuild, widths.weighedInterval(model, 2, 505, 1, 3), "the new widths weigh it");
        widths.reset(MAX_CODE);
        assertFalse(widths.weighing(), "a new frame weighs nothing before its first levels");
    }
}
