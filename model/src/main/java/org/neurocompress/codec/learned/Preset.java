package org.neurocompress.codec.learned;

import ai.djl.nn.Block;
import ai.djl.training.loss.Loss;
import java.util.Map;

/** A learned codec's architecture and training recipe: what {@code neurocompress train --preset} builds. */
public interface Preset {
    String name();

    /** Samples per segment the network sees. */
    int segmentLength();

    Block newNetwork();

    Loss loss();

    int batchSize();

    float learningRate();

    int defaultEpochs();

    /** Everything that defines the model besides its weights, for model.json. */
    Map<String, Object> hyperparameters();
}
