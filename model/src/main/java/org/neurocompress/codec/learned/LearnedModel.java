package org.neurocompress.codec.learned;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.neurocompress.io.AtomicFile;

/**
 * A trained network ready for inference: its manifest, its weights and their fingerprint. Loaded from a model
 * folder, or from the models shipped inside the jar ({@code /models/PRESET/}).
 */
public final class LearnedModel implements AutoCloseable {
    public static final String MANIFEST = "model.json";
    public static final String WEIGHTS = "weights.ncw";

    private final NDManager manager;
    private final Block network;
    private final ModelManifest manifest;
    private final byte[] fingerprint;

    private LearnedModel(NDManager manager, Block network, ModelManifest manifest) {
        this.manager = manager;
        this.network = network;
        this.manifest = manifest;
        this.fingerprint = HexFormat.of().parseHex(manifest.fingerprint());
    }

    public static LearnedModel load(Path dir, Preset preset) throws IOException {
        Path manifestFile = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(manifestFile)) {
            throw new IOException(dir + " is not a model folder: it has no " + MANIFEST);
        }
        ModelManifest manifest = ModelManifest.parse(Files.readAllBytes(manifestFile), manifestFile.toString());
        Path weights = dir.resolve(manifest.weightsFile());
        if (!Files.isRegularFile(weights)) {
            throw new IOException(manifestFile + " names weights " + manifest.weightsFile() + ", which are missing");
        }
        return load(manifest, Files.readAllBytes(weights), preset, weights.toString());
    }

    /** The model in {@code dir}, or the one shipped in the jar for {@code preset}. */
    public static LearnedModel open(java.util.Optional<Path> dir, Preset preset) throws IOException {
        return dir.isPresent() ? load(dir.get(), preset) : shipped(preset);
    }

    /** The model shipped in the jar for {@code preset}. */
    public static LearnedModel shipped(Preset preset) throws IOException {
        String base = "/models/" + preset.name() + "/";
        byte[] manifestBytes = resource(base + MANIFEST);
        if (manifestBytes == null) {
            throw new IOException("no " + preset.name() + " model is shipped in this build: train one with "
                    + "'neurocompress train --preset " + preset.name() + "' and pass --model DIR");
        }
        ModelManifest manifest = ModelManifest.parse(manifestBytes, base + MANIFEST);
        byte[] weights = resource(base + manifest.weightsFile());
        if (weights == null) {
            throw new IOException(base + MANIFEST + " names weights that are not in the jar");
        }
        return load(manifest, weights, preset, base + manifest.weightsFile());
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = LearnedModel.class.getResourceAsStream(name)) {
            return in == null ? null : in.readAllBytes();
        }
    }

    private static LearnedModel load(ModelManifest manifest, byte[] weights, Preset preset, String name)
            throws IOException {
        if (!manifest.preset().equals(preset.name())) {
            throw new IOException(name + ": a " + manifest.preset() + " model, not " + preset.name());
        }
        if (manifest.segmentLength() != preset.segmentLength()) {
            throw new IOException(name + ": segment length " + manifest.segmentLength() + ", the " + preset.name()
                    + " preset uses " + preset.segmentLength());
        }
        String actual = WeightsFile.fingerprint(weights);
        if (!actual.equals(manifest.fingerprint())) {
            throw new IOException(name + ": fingerprint " + actual + " does not match model.json's "
                    + manifest.fingerprint() + ": the weights were replaced or corrupted");
        }
        Djl.configure();
        NDManager manager = NDManager.newBaseManager();
        try {
            Block network = preset.newNetwork();
            network.initialize(manager, DataType.FLOAT32, new Shape(1, preset.exampleLength()));
            WeightsFile.load(weights, network, manager, name);
            return new LearnedModel(manager, network, manifest);
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** Writes a trained network as a model folder (float16 weights) and returns the manifest written. */
    public static ModelManifest save(Block network, Preset preset, Path dir, java.util.function.Consumer<
            ModelManifest> annotate) throws IOException {
        Files.createDirectories(dir);
        byte[] weights = WeightsFile.toBytes(network, true);
        AtomicFile.write(dir.resolve(WEIGHTS), weights);
        ModelManifest manifest = ModelManifest.create(preset.name(), preset.segmentLength(),
                WeightsFile.fingerprint(weights), WEIGHTS);
        manifest.json().set("normalisation", ModelManifest.JSON.valueToTree(preset.normalisation()));
        manifest.json().set("hyperparameters", ModelManifest.JSON.valueToTree(preset.hyperparameters()));
        annotate.accept(manifest);
        AtomicFile.write(dir.resolve(MANIFEST), manifest.toBytes());
        return manifest;
    }

    public Block network() {
        return network;
    }

    public NDManager manager() {
        return manager;
    }

    /** Native arrays the model's manager holds: its weights, plus whatever a batch failed to free. */
    public int liveArrays() {
        return manager.getManagedArrays().size();
    }

    public ModelManifest manifest() {
        return manifest;
    }

    public byte[] fingerprint() {
        return fingerprint.clone();
    }

    @Override
    public void close() {
        manager.close();
    }
}
