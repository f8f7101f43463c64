package org.neurocompress.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The machine a benchmark ran on, in one line, so that figures carry the CPU they were measured on. */
public final class Machine {
    private Machine() {
    }

    /** For example "AMD EPYC, 2 CPUs, AVX2": the CPU's model name, the CPUs this JVM may use, the widest vectors. */
    public static String describe() {
        int cpus = Runtime.getRuntime().availableProcessors();
        try {
            return describe(Files.readAllLines(Path.of("/proc/cpuinfo")), cpus);
        } catch (IOException | RuntimeException notLinux) {
            return System.getProperty("os.arch") + ", " + cpus + " CPUs";
        }
    }

    static String describe(List<String> cpuinfo, int cpus) {
        String model = null;
        String vectors = null;
        for (String line : cpuinfo) {
            if (model == null && line.startsWith("model name")) {
                model = line.substring(line.indexOf(':') + 1).trim();
            } else if (vectors == null && line.startsWith("flags")) {
                List<String> flags = List.of(line.substring(line.indexOf(':') + 1).trim().split("\\s+"));
                vectors = flags.contains("avx512f") ? "AVX-512" : flags.contains("avx2") ? "AVX2"
                        : flags.contains("avx") ? "AVX" : "no AVX";
            }
        }
        return (model == null ? System.getProperty("os.arch") : model) + ", " + cpus + " CPUs"
                + (vectors == null ? "" : ", " + vectors);
    }
}
