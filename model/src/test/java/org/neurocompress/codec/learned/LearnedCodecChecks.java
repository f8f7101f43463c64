package org.neurocompress.codec.learned;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What every learned codec must do, checked the same way for each preset's tests. */
public final class LearnedCodecChecks {
    /** A training listener that prints nothing: test runs stay quiet. */
    public static final TrainingRun.Listener QUIET = new TrainingRun.Listener() {
        @Override
        public void batch(int epoch, int batch, int batches, double meanLoss) {
        }

        @Override
        public void epoch(int epoch, double meanLoss, double seconds) {
        }
    };

    private LearnedCodecChecks() {
    }

    /**
     * Two codecs loaded from one folder encode and decode alike, and saving the loaded network again reproduces the
     * same weights file, hence the same fingerprint.
     */
    public static void savedAndLoadedModelsAgree(LearnedCodec first, LearnedCodec second, Path modelDir,
            Preset preset, Path copy, short[] x, int level, int budget) throws Exception {
        byte[] payload = first.encode(x, 0, x.length, level, budget);
        assertArrayEquals(payload, second.encode(x, 0, x.length, level, budget));
        assertArrayEquals(first.decode(payload, x.length, level), second.decode(payload, x.length, level));
        try (LearnedModel model = LearnedModel.load(modelDir, preset)) {
            LearnedModel.save(model.network(), preset, copy, m -> { });
        }
        assertArrayEquals(Files.readAllBytes(modelDir.resolve(LearnedModel.WEIGHTS)),
                Files.readAllBytes(copy.resolve(LearnedModel.WEIGHTS)));
    }

    /** Runs encoded together in one inference give the payloads they give one at a time. */
    public static void batchedEqualsOneAtATime(LearnedCodec codec, List<short[]> runs, int level, int[] budgets) {
        List<byte[]> batch = codec.encodeBatch(runs, level, budgets);
        for (int i = 0; i < runs.size(); i++) {
            assertArrayEquals(codec.encode(runs.get(i), 0, runs.get(i).length, level, budgets[i]), batch.get(i),
                    "run " + i);
        }
    }

    /** Encoding and decoding leave no native arrays behind in the model. */
    public static void nativeMemoryIsFreed(LearnedCodec codec, short[] x, int level, int budget) throws Exception {
        codec.decode(codec.encode(x, 0, x.length, level, budget), x.length, level);
        int before = codec.liveArrays();
        for (int i = 0; i < 3; i++) {
            codec.decode(codec.encode(x, 0, x.length, level, budget), x.length, level);
        }
        assertEquals(before, codec.liveArrays());
    }
}
