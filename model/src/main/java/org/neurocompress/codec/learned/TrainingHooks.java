package org.neurocompress.codec.learned;

import ai.djl.ndarray.NDManager;

/** What a network that trains part of itself outside the gradient (codebooks, entropy priors) needs from the trainer. */
public interface TrainingHooks {
    /** After every optimiser step. */
    void afterStep();

    /** Once, after the last epoch and before the weights are saved, with the training recordings. */
    void afterTraining(NDManager manager, TrainingData data);
}
