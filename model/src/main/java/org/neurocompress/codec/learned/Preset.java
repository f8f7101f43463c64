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

    /** The length of one training example: a segment unless the preset learns from something else. */
    default int exampleLength() {
        return segmentLength();
    }

    /** The training examples, each of {@link #exampleLength()} values: by default the recordings' segments. */
    default float[][] examples(TrainingData data) {
        return data.segments();
    }

    Loss loss();

    int batchSize();

    float learningRate();

    int defaultEpochs();

    /** The learning rate over a run of {@code totalUpdates} optimiser steps; fixed unless a preset decays it. */
    default ai.djl.training.tracker.Tracker learningRateSchedule(int totalUpdates) {
        return ai.djl.training.tracker.Tracker.fixed(learningRate());
    }

    /** How samples are scaled before the network, for model.json: by default divided by full scale. */
    default Map<String, Object> normalisation() {
        return Map.of("scale", 32768);
    }

    /** Everything that defines the model besides its weights, for model.json. */
    Map<String, Object> hyperparameters();
}
