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
}
