package org.neurocompress.codec.paper;

import ai.djl.nn.Block;
import ai.djl.training.loss.Loss;
import java.util.LinkedHashMap;
import java.util.Map;
import org.neurocompress.codec.learned.Preset;

/** The published training recipe: alpha = 1, commitment cost 0.25, Adam at 1e-3, batches of 32 segments of 8000. */
public final class PaperPreset implements Preset {
    public static final int SEGMENT_LENGTH = 8000;
    static final float ALPHA = 1f;
    static final float COMMITMENT = 0.25f;

    @Override
    public String name() {
        return "paper";
    }

    @Override
    public int segmentLength() {
        return SEGMENT_LENGTH;
    }

    @Override
    public Block newNetwork() {
        return new PaperNetwork(SEGMENT_LENGTH);
    }

    @Override
    public Loss loss() {
        return new HybridLoss(ALPHA, COMMITMENT);
    }

    @Override
    public int batchSize() {
        return 32;
    }

    @Override
    public float learningRate() {
        return 1e-3f;
    }

    @Override
    public int defaultEpochs() {
        return 30;
    }

    @Override
    public Map<String, Object> hyperparameters() {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("segment_length", SEGMENT_LENGTH);
        h.put("encoder", "Linear(8000,512)-ReLU-Linear(512,256)-ReLU-Linear(256,8)");
        h.put("codebook", "128 x 8, uniform in +-1/128, nearest code, straight-through");
        h.put("decoder", "Linear(8,256)-ReLU-Linear(256,512)-ReLU-Linear(512,8000)-Tanh");
        h.put("cae", "Conv1d(1,16)-Conv1d(16,32)-Conv1d(32,16)-ConvT(16,32)-ConvT(32,16)-ConvT(16,1)-Tanh, k3 s2 p1");
        h.put("alpha", ALPHA);
        h.put("commitment_cost", COMMITMENT);
        h.put("optimizer", "adam");
        h.put("learning_rate", 1e-3);
        h.put("batch_size", 32);
        return h;
    }
}
