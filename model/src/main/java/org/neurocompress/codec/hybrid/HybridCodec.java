package org.neurocompress.codec.hybrid;

import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.neurocompress.codec.CodecException;
import org.neurocompress.codec.CodecLevel;
import org.neurocompress.codec.CodecSpec;
import org.neurocompress.codec.learned.Djl;
import org.neurocompress.codec.learned.LearnedCodec;
import org.neurocompress.codec.learned.LearnedModel;
import org.neurocompress.frame.CodecId;
import org.neurocompress.metrics.SpikeFidelity;
import org.neurocompress.synth.SyntheticElectrode;

/**
 * The default codec (docs/codecs.md): a transform coder for the background signal, with learned entropy priors and
 * rate-distortion optimised quantisation, plus spike events from a learned waveform codebook for the action
 * potentials the background would lose. The encoder ranks spike shapes with the model's network (one call per batch
 * of frames); the decoder is plain Java arithmetic, so a frame decodes to the same samples on every machine.
 */
public final class HybridCodec extends LearnedCodec {
    public static final int SEGMENT_LENGTH = Background.SEGMENT;
    /** The layout of docs/formats.md, "hybrid"; a model names the version its frames use. */
    public static final int PAYLOAD_VERSION = 1;
    /**
     * Frames carry the first 4 bytes of the model's fingerprint: at 400x a frame's payload is about 600 bytes, and the
     * 4 more of a full fingerprint would cost 0.7% of the rate to tell apart models no one has 2^16 of.
     */
    public static final int FINGERPRINT_BYTES = 4;
    /**
     * Segments per frame: twice dct's, so that the 23-29 bytes of every frame's header and checksum are about 4% of
     * it; latency 0.2 s at level 1 up to 6.7 s at level 6.
     */
    public static final CodecSpec SPEC = new CodecSpec(CodecId.HYBRID, SEGMENT_LENGTH, List.of(
            new CodecLevel(1, 10, 4),
            new CodecLevel(2, 25, 8),
            new CodecLevel(3, 50, 16),
            new CodecLevel(4, 100, 32),
            new CodecLevel(5, 200, 64),
            new CodecLevel(6, 400, 128)), 5, true);

    private final HybridModel hybrid;
    private final ThreadLocal<HybridEncoder> encoders;
    private final ThreadLocal<HybridDecoder> decoders;

    public HybridCodec(LearnedModel model) throws IOException {
        super(model);
        Object version = model.manifest().json().path("hyperparameters").path("payload_version").asInt(-1);
        if (!Integer.valueOf(PAYLOAD_VERSION).equals(version)) {
            throw new IOException("hybrid model " + model.manifest().fingerprint() + " writes payload version "
                    + version + ", this build reads version " + PAYLOAD_VERSION);
        }
        HybridNetwork network = (HybridNetwork) model.network();
        this.hybrid = new HybridModel(new Waveforms(network.shapes()), network.priorLogits(), windows -> rank(network,
                windows));
        SpikeFidelity.Filters filters = SpikeFidelity.Filters.of(SyntheticElectrode.N1_SAMPLE_RATE);
        this.encoders = ThreadLocal.withInitial(() -> new HybridEncoder(hybrid, filters));
        this.decoders = ThreadLocal.withInitial(() -> new HybridDecoder(hybrid));
    }

    /** The model in {@code dir}, or the one shipped in the jar. */
    public static HybridCodec open(Optional<Path> dir) throws IOException {
        LearnedModel model = LearnedModel.open(dir, new HybridPreset());
        try {
            return new HybridCodec(model);
        } catch (IOException | RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** All spike windows of a batch through the encoder network in one call; the native arrays freed after it. */
    private synchronized int[][] rank(HybridNetwork network, List<double[]> windows) {
        float[] flat = new float[windows.size() * Waveforms.LENGTH];
        for (int i = 0; i < windows.size(); i++) {
            double[] w = windows.get(i);
            if (!HybridPreset.normalise(w, flat, i * Waveforms.LENGTH)) {
                Arrays.fill(flat, i * Waveforms.LENGTH, (i + 1) * Waveforms.LENGTH, 0);
            }
        }
        Djl.inferenceOnThisThread();
        try (NDManager batch = model.manager().newSubManager()) {
            return network.rank(new ParameterStore(batch, false), batch, flat, windows.size(),
                    EventPlanner.CANDIDATES);
        }
    }

    @Override
    public CodecSpec spec() {
        return SPEC;
    }

    @Override
    protected int fingerprintBytes() {
        return FINGERPRINT_BYTES;
    }

    @Override
    public List<byte[]> encodeBatch(List<short[]> runs, int level, int[] payloadBudgets) {
        level(level);
        return encoders.get().encode(runs, level, payloadBudgets);
    }

    @Override
    public short[] decode(byte[] payload, int sampleCount, int level) throws CodecException {
        level(level);
        return decoders.get().decode(payload, sampleCount, level);
    }
}
