package org.neurocompress.it.deployed;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.neurocompress.local.cluster.JavaProcess;

/**
 * The neurocompress tools (broker, topics, replay, consume, ...) run as a user runs them: each in its own JVM from
 * the tools' jars (kafka-setup's package output, what docker/tools.Dockerfile copies).
 */
final class Tools {
    private final Path logs;
    private final String classpath;
    private final Path djlCache;

    Tools(Path logs, Path djlCache) throws IOException {
        this.logs = logs;
        this.djlCache = djlCache;
        List<String> jars = new ArrayList<>();
        try (Stream<Path> lib = Files.list(Path.of(System.getProperty("toolsLib")))) {
            lib.map(Path::toString).sorted().forEach(jars::add);
        }
        jars.add(System.getProperty("toolsJar"));
        this.classpath = String.join(File.pathSeparator, jars);
    }

    /** Starts {@code neurocompress-tools ARGS} (ToolsMain) in its own JVM. */
    JavaProcess start(String name, List<String> args) throws IOException {
        return JavaProcess.start(name, logs, List.of("-Xmx768m", "-Djava.awt.headless=true",
                "-Dai.djl.pytorch.num_threads=1"), classpath, "org.neurocompress.kafka.cli.ToolsMain", args,
                Map.of("DJL_CACHE_DIR", djlCache.toString()));
    }

    /** Runs a tool to its end; fails with its log if it does not exit 0 within {@code seconds}. */
    String run(String name, long seconds, String... args) throws Exception {
        JavaProcess p = start(name, List.of(args));
        int exit = p.await(seconds);
        if (exit != 0) {
            throw new AssertionError(name + " exited " + exit + ": " + p.tail());
        }
        return Files.readString(p.log());
    }
}
