package org.neurocompress.codec;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.neurocompress.codec.dct.DctCodec;
import org.neurocompress.codec.hybrid.HybridCodec;
import org.neurocompress.codec.lossless.LosslessCodec;
import org.neurocompress.codec.lossless.NearLosslessCodec;
import org.neurocompress.codec.paper.PaperCodec;
import org.neurocompress.codec.raw.RawCodec;
import org.neurocompress.codec.vqcae.VqCaeCodec;
import org.neurocompress.frame.CodecId;

/** Finds codecs by name. Learned codecs take the folder of their model; model-free codecs ignore it. */
public final class Codecs {
    /** The codec of every command and of the job unless the user names another. */
    public static final String DEFAULT = "hybrid";

    /** A way to build a codec, given the model folder the user named (if any). */
    @FunctionalInterface
    public interface Factory {
        Codec create(Optional<Path> modelDir) throws java.io.IOException;
    }

    private record Entry(CodecSpec spec, Factory factory) {
    }

    private static final Map<String, Entry> CODECS = new LinkedHashMap<>();

    static {
        register(RawCodec.SPEC, model -> new RawCodec());
        register(DctCodec.SPEC, model -> new DctCodec());
        register(PaperCodec.SPEC, PaperCodec::open);
        register(VqCaeCodec.SPEC, VqCaeCodec::open);
        register(HybridCodec.SPEC, HybridCodec::open);
        register(LosslessCodec.SPEC, model -> new LosslessCodec());
        register(NearLosslessCodec.SPEC, model -> new NearLosslessCodec());
    }

    private Codecs() {
    }

    public static synchronized void register(CodecSpec spec, Factory factory) {
        CODECS.put(spec.name(), new Entry(spec, factory));
    }

    public static synchronized List<String> names() {
        return List.copyOf(CODECS.keySet());
    }

    /** The codec's name, levels and segment length, without loading any model. */
    public static CodecSpec spec(String name) {
        return entry(name).spec();
    }

    private static synchronized Entry entry(String name) {
        Entry entry = CODECS.get(name);
        if (entry == null) {
            throw new IllegalArgumentException("unknown codec '" + name + "' (known: " + String.join(", ", names())
                    + ")");
        }
        return entry;
    }

    public static Codec create(String name, Optional<Path> modelDir) throws java.io.IOException {
        return entry(name).factory().create(modelDir);
    }

    public static Codec create(CodecId id, Optional<Path> modelDir) throws java.io.IOException {
        return create(id.codecName(), modelDir);
    }
}
