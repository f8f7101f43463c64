package org.neurocompress.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.neurocompress.job.JobConfig;
import org.neurocompress.job.cli.JobCommand;
import org.neurocompress.kafka.cli.ToolsMain;
import org.yaml.snakeyaml.Yaml;

/**
 * What can be checked of docker/ without a Docker engine: the compose file parses and wires the system, every file
 * the compose file and the Dockerfiles name exists (build outputs included: the reactor has packaged them), the
 * images are pinned and not run as root, and every option the compose passes is one the job or the tools accept.
 */
class DockerFilesTest {
    private static final Path ROOT = Path.of(System.getProperty("repositoryRoot", "..")).toAbsolutePath().normalize();
    private static final Path DOCKER = ROOT.resolve("docker");

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(DOCKER.resolve("compose.yaml")));
        return (Map<String, Map<String, Object>>) compose.get("services");
    }

    @SuppressWarnings("unchecked")
    private static List<String> command(Map<String, Object> service) {
        return (List<String>) service.get("command");
    }

    @Test
    void composeWiresABrokerAJobManagerTwoTaskManagersReplayAndWatch() throws IOException {
        Map<String, Map<String, Object>> services = services();
        for (String name : List.of("kafka", "topics", "jobmanager", "taskmanager", "replay", "watch", "web")) {
            assertNotNull(services.get(name), "service " + name);
        }
        Map<String, Object> kafka = services.get("kafka");
        assertEquals("apache/kafka:4.2.0", kafka.get("image"));
        @SuppressWarnings("unchecked")
        Map<String, Object> env = (Map<String, Object>) kafka.get("environment");
        assertTrue(String.valueOf(env.get("KAFKA_PROCESS_ROLES")).contains("controller"), "KRaft, no ZooKeeper");
        long maxTimeout = Long.parseLong(String.valueOf(env.get("KAFKA_TRANSACTION_MAX_TIMEOUT_MS")));
        assertTrue(maxTimeout >= Long.parseLong(org.neurocompress.job.JobIo.TRANSACTION_TIMEOUT_MS),
                "the broker must allow the job's transaction timeout");
        @SuppressWarnings("unchecked")
        Map<String, Object> deploy = (Map<String, Object>) services.get("taskmanager").get("deploy");
        assertEquals(2, deploy.get("replicas"));
        assertEquals("taskmanager", command(services.get("taskmanager")).get(0));
        assertEquals("standalone-job", command(services.get("jobmanager")).get(0));
        for (String name : List.of("jobmanager", "taskmanager")) {
            assertTrue(String.valueOf(services.get(name).get("volumes")).contains("checkpoints:/checkpoints"),
                    name + " shares the checkpoint volume");
        }
    }

    /** Prometheus scrapes the reporter the Flink config enables; Grafana's dashboard asks for the job's metrics. */
    @Test
    void composeProvisionsPrometheusAndAGrafanaDashboardOfTheJobsMetrics() throws IOException {
        Map<String, Map<String, Object>> services = services();
        String flinkConfig = Files.readString(DOCKER.resolve("flink-config.yaml"));
        assertTrue(flinkConfig.contains("PrometheusReporterFactory") && flinkConfig.contains(
                "metrics.reporter.prom.port: 9249"), "the Flink config enables the Prometheus reporter on 9249");
        assertTrue(Files.readString(DOCKER.resolve("job.Dockerfile"))
                .contains("/opt/flink/plugins/metrics-prometheus/"), "the image carries the reporter plugin");
        assertTrue(String.valueOf(services.get("prometheus").get("volumes")).contains("prometheus.yaml"));
        Map<String, Object> prometheus = new Yaml().load(Files.readString(DOCKER.resolve("prometheus.yaml")));
        String scrape = String.valueOf(prometheus.get("scrape_configs"));
        assertTrue(scrape.contains("jobmanager") && scrape.contains("taskmanager") && scrape.contains("9249"), scrape);
        String grafanaVolumes = String.valueOf(services.get("grafana").get("volumes"));
        assertTrue(grafanaVolumes.contains("grafana/provisioning") && grafanaVolumes.contains("grafana/dashboards"),
                grafanaVolumes);
        com.fasterxml.jackson.databind.JsonNode dashboard = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(DOCKER.resolve("grafana/dashboards/neurocompress.json").toFile());
        String queries = dashboard.findValuesAsText("expr").toString();
        for (String metric : List.of("samplesInPerSecond", "framesOutPerSecond", "deadLettersPerSecond",
                "encodeLatencyMs", "bytesOutPerSecond")) {
            assertTrue(queries.contains("flink_taskmanager_job_task_operator_" + metric), metric + " in " + queries);
        }
        assertTrue(Files.readString(DOCKER.resolve("grafana/provisioning/datasources/prometheus.yaml"))
                .contains("http://prometheus:9090"));
    }

    @Test
    void everyFileTheImagesNameExists() throws IOException {
        for (Map.Entry<String, Map<String, Object>> service : services().entrySet()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> build = (Map<String, Object>) service.getValue().get("build");
            if (build == null) {
                continue;
            }
            Path context = DOCKER.resolve(String.valueOf(build.get("context"))).normalize();
            Path dockerfile = context.resolve(String.valueOf(build.get("dockerfile")));
            assertTrue(Files.isRegularFile(dockerfile), service.getKey() + ": " + dockerfile);
            for (String source : copySources(dockerfile)) {
                assertFalse(matches(context, source).isEmpty(), dockerfile.getFileName() + " copies " + source
                        + ", which does not exist under " + context + " (built by mvn package?)");
            }
        }
    }

    @Test
    void imagesArePinnedToX8664AndDoNotRunAsRoot() throws IOException {
        for (String file : List.of("job.Dockerfile", "tools.Dockerfile")) {
            List<String> lines = Files.readAllLines(DOCKER.resolve(file));
            List<String> from = lines.stream().filter(l -> l.startsWith("FROM ")).toList();
            assertFalse(from.isEmpty(), file);
            assertTrue(from.stream().allMatch(l -> l.contains("--platform=linux/amd64")),
                    file + ": the native PyTorch library is x86-64 only");
            String user = lines.stream().filter(l -> l.startsWith("USER ")).reduce((a, b) -> b).orElse("USER root");
            assertFalse(user.equals("USER root") || user.equals("USER 0"), file + " runs as " + user);
        }
        assertTrue(Files.readString(DOCKER.resolve("job.Dockerfile")).contains("FROM --platform=linux/amd64 "
                + "flink:2.2-java17"));
        assertTrue(Files.readString(DOCKER.resolve("flink-config.yaml"))
                .contains("classloader.parent-first-patterns.additional: ai.djl."), "DJL loads parent-first");
    }

    @Test
    void theJobAcceptsEveryOptionTheComposePasses() throws IOException {
        List<String> command = command(services().get("jobmanager"));
        int classname = command.indexOf("--job-classname");
        assertEquals(JobCommand.class.getName(), command.get(classname + 1));
        String[] jobArgs = command.subList(classname + 2, command.size()).toArray(String[]::new);
        JobConfig config = JobCommand.configOf(jobArgs);
        assertEquals("kafka:9092", config.bootstrapServers());
        assertEquals(4, config.parallelism());
    }

    @Test
    void theToolsAcceptEveryCommandTheComposeRuns() throws IOException {
        Map<String, Map<String, Object>> services = services();
        for (String name : List.of("topics", "replay", "watch", "web")) {
            String[] args = command(services.get(name)).toArray(String[]::new);
            // Throws a ParameterException naming any unknown command or option.
            ToolsMain.commandLine().parseArgs(args);
        }
    }

    /** The sources of every COPY instruction (options such as --chown left out). */
    private static List<String> copySources(Path dockerfile) throws IOException {
        List<String> sources = new ArrayList<>();
        for (String line : Files.readAllLines(dockerfile)) {
            if (!line.startsWith("COPY ")) {
                continue;
            }
            List<String> words = Stream.of(line.substring(5).trim().split("\\s+")).filter(w -> !w.startsWith("--"))
                    .toList();
            sources.addAll(words.subList(0, words.size() - 1));
        }
        assertFalse(sources.isEmpty(), dockerfile + " copies nothing");
        return sources;
    }

    /** Paths under the build context that a COPY source (possibly a glob, Go's syntax) names. */
    private static List<Path> matches(Path context, String source) throws IOException {
        String glob = source.endsWith("/") ? source.substring(0, source.length() - 1) : source;
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob.replace("[^", "[!"));
        Path parent = context.resolve(glob).getParent();
        if (!Files.isDirectory(parent)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(parent)) {
            return children.filter(p -> matcher.matches(context.relativize(p))).toList();
        }
    }
}
