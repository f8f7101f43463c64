package org.neurocompress.codec;

import java.util.List;
import org.neurocompress.frame.CodecId;

/**
 * What a codec is before any model is loaded: its name, segment length, levels and default level, and whether it
 * needs a model. Commands check their arguments against it before doing any work.
 */
public record CodecSpec(CodecId id, int segmentLength, List<CodecLevel> levels, int defaultLevel, boolean learned) {
    public CodecSpec {
        levels = List.copyOf(levels);
        if (segmentLength < 1 || levels.isEmpty() || defaultLevel < 1 || defaultLevel > levels.size()) {
            throw new IllegalArgumentException(id + ": a codec needs a segment length, levels and a default among "
                    + "them");
        }
    }

    public String name() {
        return id.codecName();
    }

    public CodecLevel level(int level) {
        for (CodecLevel l : levels) {
            if (l.level() == level) {
                return l;
            }
        }
        throw new IllegalArgumentException(name() + " has no level " + level + " (levels 1.." + levels.size() + ")");
    }
}
