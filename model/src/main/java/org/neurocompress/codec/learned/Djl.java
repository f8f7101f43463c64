package org.neurocompress.codec.learned;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DJL settings that must be in place before its engine first loads: never reach for the network (the native
 * library comes from Maven Central as a jar), and PyTorch's thread pools sized by the user if they asked.
 *
 * <p>PyTorch's CPU libraries choose their kernels by instruction set when they load: oneDNN (convolutions), MKL
 * (matrix products) and ATen (element-wise) each have AVX2 and AVX-512 variants. On an AVX-512 machine one of
 * oneDNN's convolution kernels made vqcae's training produce NaN, and the variants round differently. Capped at
 * AVX2, oneDNN still gave NaN now and then on another AVX-512 AMD EPYC: the same training of the hybrid network, run
 * 8 times in one JVM, was NaN at its third batch once and identical the other times (uninitialised or raced memory,
 * not rounding); at SSE4.1, 12 runs of 12 were finite and identical. So the variables of {@link #NATIVE_SETTINGS}
 * cap oneDNN at SSE4.1 and MKL and ATen at AVX2, and every x86-64 CPU of the last decade runs the same kernels. The libraries read them from the process environment before any Java code runs, so whatever starts a
 * JVM that loads PyTorch sets them: the launcher, the build's test JVMs, the Docker images, the cluster's
 * TaskManagers (README, "Deploying").
 */
public final class Djl {
    /** The environment every JVM that loads PyTorch gets; the launcher, pom.xml and docker/ repeat it. */
    public static final Map<String, String> NATIVE_SETTINGS;

    static {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("DNNL_MAX_CPU_ISA", "SSE41");
        settings.put("MKL_ENABLE_INSTRUCTIONS", "AVX2");
        settings.put("ATEN_CPU_CAPABILITY", "avx2");
        // c10's own warnings (such as NNPACK's "Unsupported hardware" on some CPUs) off stderr, so a failing
        // command's first line is its own error; errors still print.
        settings.put("TORCH_CPP_LOG_LEVEL", "ERROR");
        NATIVE_SETTINGS = Collections.unmodifiableMap(settings);
    }

    private static final Logger LOG = LoggerFactory.getLogger(Djl.class);
    private static volatile boolean checked;

    private Djl() {
    }

    public static void configure() {
        System.setProperty("ai.djl.offline", System.getProperty("ai.djl.offline", "true"));
        // Inputs of varying batch size: PyTorch's graph optimiser would re-profile on every new shape.
        System.setProperty("ai.djl.pytorch.graph_optimizer",
                System.getProperty("ai.djl.pytorch.graph_optimizer", "false"));
        if (!checked) {
            checked = true;
            List<String> missing = missingNativeSettings(System.getenv());
            if (!missing.isEmpty()) {
                LOG.warn("PyTorch runs without the project's native settings ({}): kernels differ by CPU, and on "
                        + "AVX-512 CPUs vqcae training can give NaN; see the README, \"Native libraries\"",
                        String.join(" ", missing));
            }
        }
    }

    /** The settings of {@link #NATIVE_SETTINGS} that {@code environment} lacks or sets otherwise, as NAME=VALUE. */
    public static List<String> missingNativeSettings(Map<String, String> environment) {
        List<String> missing = new ArrayList<>();
        NATIVE_SETTINGS.forEach((name, value) -> {
            if (!value.equals(environment.get(name))) {
                missing.add(name + "=" + value);
            }
        });
        return missing;
    }

    /**
     * Overwrites the values of {@code target} in place. Not with {@code NDArray.set(Buffer)}: DJL's native side of
     * that call enters a deprecated libtorch mode that prints a warning on stderr the first time.
     */
    public static void overwrite(NDArray target, float[] values) {
        // PyTorch refuses in-place writes to a parameter that trains while its thread records gradients.
        boolean trains = target.hasGradient();
        if (trains) {
            target.setRequiresGradient(false);
        }
        try (NDManager scratch = target.getManager().newSubManager()) {
            target.set(new NDIndex("..."), scratch.create(values, target.getShape()));
        }
        if (trains) {
            target.setRequiresGradient(true);
        }
    }

    /**
     * Stops PyTorch recording gradients on the calling thread. Its grad mode is per thread and on by default: DJL
     * turns it off only on the thread that loaded the engine, so inference on any other thread (a Flink operator,
     * a worker pool) would build autograd graphs for nothing.
     */
    public static void inferenceOnThisThread() {
        if (JniUtils.isGradMode()) {
            JniUtils.setGradMode(false);
        }
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
