package org.neurocompress.codec.learned;

/**
 * DJL settings that must be in place before its engine first loads: never reach for the network (the native
 * library comes from Maven Central as a jar), and PyTorch's thread pools sized by the user if they asked.
 */
public final class Djl {
    private Djl() {
    }

    public static void configure() {
        System.setProperty("ai.djl.offline", System.getProperty("ai.djl.offline", "true"));
        // Inputs of varying batch size: PyTorch's graph optimiser would re-profile on every new shape.
        System.setProperty("ai.djl.pytorch.graph_optimizer",
                System.getProperty("ai.djl.pytorch.graph_optimizer", "false"));
    }

    /**
     * Loads the PyTorch engine once, which unpacks its native library into DJL's cache ({@code DJL_CACHE_DIR}):
     * container images run this at build time so that their processes start without writing or downloading it.
     */
    public static void main(String[] args) {
        configure();
        ai.djl.engine.Engine engine = ai.djl.engine.Engine.getEngine("PyTorch");
        System.out.println(engine.getEngineName() + " " + engine.getVersion() + " ready in "
                + ai.djl.util.Utils.getEngineCacheDir());
    }
}
