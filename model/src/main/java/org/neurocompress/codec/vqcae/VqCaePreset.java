package org.neurocompress.codec.vqcae;

import ai.djl.nn.Block;
import ai.djl.training.loss.Loss;
import ai.djl.training.tracker.Tracker;
import java.util.LinkedHashMap;
import java.util.Map;
import org.neurocompress.codec.learned.Preset;

/** vqcae's recipe: hybrid loss with alpha = 1 and commitment 0.25, Adam at 1e-3, batches of 64. */
public final class VqCaePreset implements Preset {
    static final float ALPHA = 1f;
    static final float COMMITMENT = 0.25f;
    private static final long SEED = 1;

    @Override
    public String name() {
        return "vqcae";
    }

    @Override
    public int segmentLength() {
        return VqCaeNetwork.SEGMENT_LENGTH;
    }

    @Override
    public Block newNetwork() {
        return new VqCaeNetwork(SEED);
    }

    @Override
    public Loss loss() {
        return new VqCaeLoss(ALPHA, COMMITMENT);
    }

    @Override
    public int batchSize() {
        return 64;
    }

    @Override
    public float learningRate() {
        return 1e-3f;
    }

    @Override
    public int defaultEpochs() {
        return 25;
    }

    /** Cosine decay to 1/20 of the rate over the run: the last epochs polish instead of jumping around. */
    @Override
    public Tracker learningRateSchedule(int totalUpdates) {
        return Tracker.cosine().setBaseValue(learningRate()).optFinalValue(learningRate() / 20)
                .setMaxUpdates(Math.max(1, totalUpdates)).build();
    }

    /** Each segment divided by its RMS rounded to 2^(k/4); k travels in the frame (docs/formats.md). */
    @Override
    public Map<String, Object> normalisation() {
        return Map.of("per_segment_rms", "2^(k/4), k = round(4 log2 rms) in 0..63, sent per segment");
    }

    @Override
    public Map<String, Object> hyperparameters() {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("segment_length", VqCaeNetwork.SEGMENT_LENGTH);
        h.put("encoder", "Conv1d(1,16,k16,s8)-LReLU-Conv1d(16,32,k8,s4)-LReLU-Conv1d(32,128,k8,s8): 4 x 128 latent");
        h.put("rvq", VqCaeNetwork.STAGES + " stages x " + ResidualVectorQuantizer.CODES + " codes, lookup in "
                + ResidualVectorQuantizer.LOOKUP + " dims via per-stage projections; k-means init, EMA 0.99, "
                + "dead-code restart; quantiser dropout (depth uniform or log-uniform, half the batches each)");
        h.put("decoder", "Conv1d(128,256,k3)-shuffle8-LReLU-Conv1d(32,64,k3)-shuffle4-LReLU-Conv1d(16,64,k3)-shuffle8"
                + "-LReLU-Conv1d(8,1,k7)");
        h.put("cae", "residual: Conv1d(1,8,k9,s2)-LReLU-Conv1d(8,16,k5,s2)-LReLU-Conv1d(16,16,k3)-shuffle2-LReLU-"
                + "Conv1d(8,2,k3)-shuffle2");
        h.put("alpha", ALPHA);
        h.put("commitment_cost", COMMITMENT);
        h.put("optimizer", "adam");
        h.put("learning_rate", "1e-3, cosine decay to 5e-5");
        h.put("batch_size", 64);
        return h;
    }
}
