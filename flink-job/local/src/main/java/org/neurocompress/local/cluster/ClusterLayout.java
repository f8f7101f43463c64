package org.neurocompress.local.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where a built checkout keeps what a cluster deployment needs: the job jar ({@code flink-job/target/*-job.jar}) and
 * the jars a cluster's lib/ holds besides Flink's ({@code flink-job/target/cluster-lib}). The launcher names the
 * checkout with {@code -Dneurocompress.home}.
 */
public final class ClusterLayout {
    static final String HOME_PROPERTY = "neurocompress.home";

    private ClusterLayout() {
    }

    public static Path jobJar() throws IOException {
        Path target = home().resolve("flink-job").resolve("target");
        List<Path> jars;
        try (Stream<Path> files = Files.list(target)) {
            jars = files.filter(p -> p.getFileName().toString().matches("neurocompress-flink-job-.*-job\\.jar"))
                    .sorted().toList();
        } catch (java.nio.file.NoSuchFileException e) {
            jars = List.of();
        }
        if (jars.isEmpty()) {
            throw new IOException("no job jar in " + target + ": build the project first (mvn package)");
        }
        return jars.get(jars.size() - 1);
    }

    public static Path clusterLib() {
        return home().resolve("flink-job").resolve("target").resolve("cluster-lib");
    }

    private static Path home() {
        String home = System.getProperty(HOME_PROPERTY);
        if (home == null || home.isBlank()) {
            throw new IllegalStateException("the checkout's folder is unknown (-D" + HOME_PROPERTY + "): run this "
                    + "through ./neurocompress");
        }
        return Path.of(home).toAbsolutePath();
    }
}
