package org.neurocompress.codec;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.neurocompress.codec.dct.DctCodec;
import org.neurocompress.codec.paper.PaperCodec;
import org.neurocompress.codec.raw.RawCodec;
import org.neurocompress.codec.vqcae.VqCaeCodec;
import org.neurocompress.frame.CodecId;

/** Finds codecs by name. Learned codecs take the folder of their model; model-free codecs ignore it. */
public final class Codecs {
    /** A way to build a codec, given the model folder the user named (if any). */
    @FunctionalInterface
    public interface Factory {
        Codec create(Optional<Path> modelDir) throws java.io.IOException;
    }

    private static final Map<String, Factory> FACTORIES = new LinkedHashMap<>();

    static {
        register(CodecId.RAW, model -> new RawCodec());
        register(CodecId.DCT, model -> new DctCodec());
        register(CodecId.PAPER, PaperCodec::open);
        register(CodecId.VQCAE, VqCaeCodec::open);
    }

    private Codecs() {
    }

    public static synchronized void register(CodecId id, Factory factory) {
        FACTORIES.put(id.codecName(), factory);
    }

    public static synchronized List<String> names() {
        return List.copyOf(FACTORIES.keySet());
    }

    public static Codec create(String name, Optional<Path> modelDir) throws java.io.IOException {
        Factory factory;
        synchronized (Codecs.class) {
            factory = FACTORIES.get(name);
        }
        if (factory == null) {
            throw new IllegalArgumentException("unknown codec '" + name + "' (known: " + String.join(", ", names())
                    + ")");
        }
        return factory.create(modelDir);
    }

    public static Codec create(CodecId id, Optional<Path> modelDir) throws java.io.IOException {
        return create(id.codecName(), modelDir);
    }
}
