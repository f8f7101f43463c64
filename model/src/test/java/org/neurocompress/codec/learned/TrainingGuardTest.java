package org.neurocompress.codec.learned;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.loss.Loss;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurocompress.cli.Main;
import org.neurocompress.synth.SyntheticRecording;
import picocli.CommandLine;

/** A diverged training run writes no model and keeps its last good checkpoint; broken weights are refused. */
class TrainingGuardTest {
    private static final int SEGMENT = 64;
    private static final int BATCH = 16;
    /** 4 files x 1024 samples = 64 segments: 4 batches an epoch. */
    private static final int BATCHES_PER_EPOCH = 4;

    @TempDir
    static Path dir;
    static Path data;

    @BeforeAll
    static void recordings() throws IOException {
        data = Files.createDirectories(dir.resolve("data"));
        for (int f = 0; f < 4; f++) {
            SyntheticRecording.write(data.resolve("rec" + f + ".wav"), 1, 1024, 19531, f);
        }
        Presets.register(DivergingPreset.NAME, DivergingPreset::new);
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run train(String... args) {
        CommandLine cmd = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 1];
        all[0] = "train";
        System.arraycopy(args, 0, all, 1, args.length);
        return new Run(Main.run(cmd, all), out.toString(), err.toString());
    }

    @Test
    void aNaNLossStopsTrainWithExit1AndResumeContinuesFromTheLastGoodCheckpoint() throws Exception {
        Path out = dir.resolve("model");
        Run diverged = train("--preset", DivergingPreset.NAME, "--data", data.toString(), "--epochs", "3", "--out",
                out.toString());
        assertEquals(1, diverged.exit(), diverged.err());
        String error = diverged.err().lines().filter(l -> l.startsWith("train: error:")).findFirst().orElseThrow();
        assertTrue(error.contains("the loss is NaN at epoch 3, batch 1 of " + BATCHES_PER_EPOCH), error);
        assertTrue(error.contains("the last good checkpoint (epoch 2)"), error);
        assertFalse(Files.exists(out.resolve(LearnedModel.MANIFEST)), "no model from a diverged run");
        assertFalse(Files.exists(out.resolve(LearnedModel.WEIGHTS)), "no weights from a diverged run");
        JsonNode state = ModelManifest.JSON.readTree(out.resolve("checkpoint/state.json").toFile());
        assertEquals(1, state.get("epoch").asInt(), "epochs are counted from 0 in the checkpoint");

        // A fresh process of the same preset diverges only after two more epochs: resuming runs epoch 3 alone.
        Run resumed = train("--preset", DivergingPreset.NAME, "--data", data.toString(), "--epochs", "3", "--out",
                out.toString(), "--resume");
        assertEquals(0, resumed.exit(), resumed.err());
        assertTrue(Files.exists(out.resolve(LearnedModel.MANIFEST)));
        try (LearnedModel model = LearnedModel.load(out, new DivergingPreset())) {
            assertEquals(3, model.manifest().json().get("training").get("epochs").asInt());
        }
    }

    @Test
    void weightsThatAreNotFiniteAreNeverWritten() {
        Block network = new DivergingPreset().newNetwork();
        try (NDManager manager = NDManager.newBaseManager()) {
            network.initialize(manager, DataType.FLOAT32, new Shape(1, SEGMENT));
            NDArray weight = network.getParameters().get(0).getValue().getArray();
            float[] values = weight.toFloatArray();
            values[3] = Float.POSITIVE_INFINITY;
            Djl.overwrite(weight, values);
            IOException e = assertThrows(IOException.class, () -> WeightsFile.toBytes(network, false));
            assertTrue(e.getMessage().contains("Infinity at index 3"), e.getMessage());
        }
    }

    @Test
    void aModelWhoseWeightsHoldNaNIsRefusedAlthoughItsChecksumsAreRight() throws Exception {
        Path model = dir.resolve("healthy");
        assertEquals(0, train("--preset", DivergingPreset.NAME, "--data", data.toString(), "--epochs", "1",
                "--out", model.toString()).exit());
        Path broken = Files.createDirectories(dir.resolve("broken"));
        byte[] weights = Files.readAllBytes(model.resolve(LearnedModel.WEIGHTS));
        // The first value of the first parameter: after magic (3), version, type, count (4), name length (2),
        // the name, the dimension count and 8 bytes per dimension.
        ByteBuffer b = ByteBuffer.wrap(weights);
        int nameLength = b.getShort(9) & 0xFFFF;
        int dimensions = weights[11 + nameLength] & 0xFF;
        int first = 12 + nameLength + 8 * dimensions;
        ByteBuffer.wrap(weights).order(ByteOrder.LITTLE_ENDIAN).putShort(first, (short) 0x7E00); // float16 NaN
        CRC32C crc = new CRC32C();
        crc.update(weights, 0, weights.length - 4);
        ByteBuffer.wrap(weights).putInt(weights.length - 4, (int) crc.getValue());
        Files.write(broken.resolve(LearnedModel.WEIGHTS), weights);
        String manifest = Files.readString(model.resolve(LearnedModel.MANIFEST)).replace(
                WeightsFile.fingerprint(Files.readAllBytes(model.resolve(LearnedModel.WEIGHTS))),
                WeightsFile.fingerprint(weights));
        Files.writeString(broken.resolve(LearnedModel.MANIFEST), manifest);

        IOException e = assertThrows(IOException.class, () -> LearnedModel.load(broken, new DivergingPreset()));
        assertTrue(e.getMessage().contains("holds NaN at index 0"), e.getMessage());
        assertTrue(e.getMessage().contains("is refused"), e.getMessage());
    }

    /**
     * A one-layer network trained to reproduce its input, whose loss turns NaN from the third epoch of a process
     * on: a stand-in for a native kernel going wrong mid-run.
     */
    static final class DivergingPreset implements Preset {
        static final String NAME = "test-diverging";
        private final AtomicInteger batches = new AtomicInteger();

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public int segmentLength() {
            return SEGMENT;
        }

        @Override
        public Block newNetwork() {
            return new SequentialBlock().add(Linear.builder().setUnits(SEGMENT).build());
        }

        @Override
        public Loss loss() {
            return new Loss("diverging") {
                @Override
                public NDArray evaluate(NDList labels, NDList predictions) {
                    NDArray mse = predictions.singletonOrThrow().sub(labels.singletonOrThrow()).square().mean();
                    return batches.incrementAndGet() > 2 * BATCHES_PER_EPOCH ? mse.mul(Float.NaN) : mse;
                }
            };
        }

        @Override
        public int batchSize() {
            return BATCH;
        }

        @Override
        public float learningRate() {
            return 1e-3f;
        }

        @Override
        public int defaultEpochs() {
            return 3;
        }

        @Override
        public Map<String, Object> hyperparameters() {
            return Map.of("layers", "Linear(64)");
        }
    }
}
