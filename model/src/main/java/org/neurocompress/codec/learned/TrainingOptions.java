package org.neurocompress.codec.learned;

import java.nio.file.Path;

/** How long to train, from which seed, where to write, and whether to continue from the last checkpoint. */
public record TrainingOptions(int epochs, long seed, Path out, boolean resume) {
    public TrainingOptions {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
        }
    }
}
