package org.neurocompress.codec.learned;

import java.nio.file.Path;

/**
 * A training run whose loss became NaN or infinite: it stops at once, before the broken step reaches the weights,
 * and writes no model. The last epoch's checkpoint stays, so {@code --resume} continues from the last good state.
 */
public final class NonFiniteLossException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int epoch;
    private final int batch;

    NonFiniteLossException(double loss, int epoch, int batch, int batches, int lastCheckpoint, Path checkpoint) {
        super("training stopped: the loss is " + loss + " at epoch " + epoch + ", batch " + batch + " of " + batches
                + "; no model written" + (lastCheckpoint > 0 ? "; the last good checkpoint (epoch " + lastCheckpoint
                        + ") is in " + checkpoint + ", --resume continues from it" : ""));
        this.epoch = epoch;
        this.batch = batch;
    }

    /** The epoch, counted from 1, whose batch gave the loss. */
    public int epoch() {
        return epoch;
    }

    /** The batch, counted from 1. */
    public int batch() {
        return batch;
    }
}
