package org.neurocompress.codec.learned;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.neurocompress.codec.hybrid.HybridPreset;
import org.neurocompress.codec.paper.PaperPreset;
import org.neurocompress.codec.vqcae.VqCaePreset;

/** The presets {@code neurocompress train} knows, by name. */
public final class Presets {
    private static final Map<String, Supplier<Preset>> PRESETS = new TreeMap<>();

    static {
        register("paper", PaperPreset::new);
        register("vqcae", VqCaePreset::new);
        register("hybrid", HybridPreset::new);
    }

    private Presets() {
    }

    /** Adds a preset (tests add recipes of their own). */
    public static synchronized void register(String name, Supplier<Preset> preset) {
        PRESETS.put(name, preset);
    }

    public static synchronized List<String> names() {
        return List.copyOf(PRESETS.keySet());
    }

    public static synchronized Preset byName(String name) {
        Supplier<Preset> preset = PRESETS.get(name);
        if (preset == null) {
            throw new IllegalArgumentException("unknown preset '" + name + "' (known: " + String.join(", ", names())
                    + ")");
        }
        return preset.get();
    }
}
