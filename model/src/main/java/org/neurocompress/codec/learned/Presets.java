package org.neurocompress.codec.learned;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.neurocompress.codec.paper.PaperPreset;
import org.neurocompress.codec.vqcae.VqCaePreset;

/** The presets {@code neurocompress train} knows, by name. */
public final class Presets {
    private static final Map<String, Supplier<Preset>> PRESETS = Map.of("paper", PaperPreset::new, "vqcae",
            VqCaePreset::new);

    private Presets() {
    }

    public static List<String> names() {
        return PRESETS.keySet().stream().sorted().toList();
    }

    public static Preset byName(String name) {
        Supplier<Preset> preset = PRESETS.get(name);
        if (preset == null) {
            throw new IllegalArgumentException("unknown preset '" + name + "' (known: " + String.join(", ", names())
                    + ")");
        }
        return preset.get();
    }
}
