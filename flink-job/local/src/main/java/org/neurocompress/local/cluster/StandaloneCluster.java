package org.neurocompress.local.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A Flink 2.2 standalone session cluster as a user runs one: a JobManager and TaskManagers in their own JVMs,
 * started from Flink's jars with a conf/config.yaml, DJL in the cluster's lib (loaded parent-first, as in
 * docker/), jobs submitted with Flink's command-line client ({@code flink run}). The integration tests deploy on it,
 * and {@code bench e2e --cluster} measures on it.
 */
public final class StandaloneCluster implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final Path conf;
    private final String classpath;
    private final int restPort;
    private final Size size;
    private final List<JavaProcess> taskManagers = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private JavaProcess jobManager;
    private int started;

    private final Path logs;

    private StandaloneCluster(Path dir, Path logs, String classpath, int restPort, Size size) {
        this.dir = dir;
        this.size = size;
        this.logs = logs;
        this.conf = dir.resolve("conf");
        this.classpath = classpath;
        this.restPort = restPort;
    }

    /**
     * How many TaskManagers, their slots, and each one's memory (Flink's taskmanager.memory.process.size: the JVM's
     * heap, network buffers and overhead are derived from it).
     */
    public record Size(int taskManagers, int slotsPerTaskManager, String taskManagerMemory) {
        public static final String DEFAULT_MEMORY = "1536m";

        public static Size of(int taskManagers, int slotsPerTaskManager) {
            return new Size(taskManagers, slotsPerTaskManager, DEFAULT_MEMORY);
        }
    }

    /**
     * A JobManager and the TaskManagers, registered and ready; the processes' working files in {@code dir}, their
     * output in {@code logs}.
     *
     * @param clusterLib the jars a cluster's lib/ holds besides Flink's (DJL: flink-job/target/cluster-lib)
     */
    public static StandaloneCluster start(Path dir, Path logs, Path clusterLib, Size size) throws Exception {
        if (!Files.isDirectory(clusterLib)) {
            throw new IOException("no cluster libraries at " + clusterLib + ": build the project first (mvn package)");
        }
        int taskManagers = size.taskManagers();
        StandaloneCluster cluster = new StandaloneCluster(dir, logs, clusterClasspath(clusterLib), freePort(), size);
        try {
            cluster.writeConfig();
            cluster.jobManager = JavaProcess.start("jobmanager", logs, List.of("-Xmx512m",
                    "-Dlog4j.configurationFile=" + cluster.conf.resolve("log4j.properties")),
                    cluster.classpath, "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
                    List.of("-c", cluster.conf.toString()), cluster.env());
            for (int i = 0; i < taskManagers; i++) {
                cluster.startTaskManager();
            }
            cluster.awaitTaskManagers(taskManagers, Duration.ofSeconds(90));
            return cluster;
        } catch (Exception | Error e) {
            // Nobody else holds the cluster yet: a TaskManager that cannot start must not leave the JobManager running.
            try {
                cluster.close();
            } catch (Exception closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    /**
     * Flink's jars with their dependencies and logging, and DJL's (as a cluster's lib/ holds them): this JVM's
     * class path less what only the job jar or the tools may bring (our classes, the Kafka connector and clients,
     * DJL's copies there) and the tests' and tools' own libraries.
     */
    private static String clusterClasspath(Path clusterLib) throws IOException {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (NOT_IN_THE_CLUSTER.stream().noneMatch(entry::contains)) {
                entries.add(entry);
            }
        }
        try (Stream<Path> djl = Files.list(clusterLib)) {
            djl.map(Path::toString).sorted().forEach(entries::add);
        }
        return String.join(File.pathSeparator, entries);
    }

    private static final List<String> NOT_IN_THE_CLUSTER = List.of("/target/classes", "/target/test-classes",
            "/org/neurocompress/", "/ai/djl/", "/org/apache/kafka/", "flink-connector-kafka", "/org/scala-lang/",
            "/com/typesafe/", "/org/junit/", "/org/opentest4j/", "/org/apiguardian/", "/info/picocli/", "/org/jfree/",
            "/me/tongfei/", "/org/yaml/", "/io/javalin/", "/org/eclipse/jetty/", "/org/webjars/");

    private void writeConfig() throws IOException {
        Files.createDirectories(conf);
        Path checkpoints = Files.createDirectories(dir.resolve("checkpoints"));
        Files.writeString(conf.resolve("config.yaml"), String.join("\n",
                "jobmanager.rpc.address: localhost",
                "jobmanager.rpc.port: " + freePort(),
                "jobmanager.bind-host: localhost",
                "taskmanager.bind-host: localhost",
                "taskmanager.host: localhost",
                "rest.address: localhost",
                "rest.bind-address: localhost",
                "rest.port: " + restPort,
                "jobmanager.memory.process.size: 1024m",
                "taskmanager.memory.process.size: " + size.taskManagerMemory(),
                // The job keeps its state on the heap (Flink's hashmap backend): managed memory would lie unused.
                "taskmanager.memory.managed.fraction: 0.05",
                "taskmanager.numberOfTaskSlots: " + size.slotsPerTaskManager(),
                "parallelism.default: 2",
                "classloader.parent-first-patterns.additional: ai.djl.",
                "execution.checkpointing.dir: " + checkpoints.toUri(),
                // A dead TaskManager is noticed within seconds rather than the default 50 s.
                "heartbeat.interval: 1000",
                "heartbeat.timeout: 5000",
                "restart-strategy.type: fixed-delay",
                "restart-strategy.fixed-delay.attempts: 100",
                "restart-strategy.fixed-delay.delay: 1 s",
                ""));
        try (var log4j = StandaloneCluster.class.getResourceAsStream("cluster-log4j.properties")) {
            Files.copy(log4j, conf.resolve("log4j.properties"));
        }
    }

    private Map<String, String> env() {
        return Map.of("FLINK_CONF_DIR", conf.toString(), "DJL_CACHE_DIR", dir.resolve("djl-cache").toString());
    }

    /** A new TaskManager JVM with the memory options Flink's scripts would compute for it. */
    public JavaProcess startTaskManager() throws Exception {
        List<String> jvm = new ArrayList<>();
        List<String> dynamic = new ArrayList<>();
        for (String line : runForOutput("org.apache.flink.runtime.util.bash.BashJavaUtils",
                List.of("GET_TM_RESOURCE_PARAMS", "-c", conf.toString()))) {
            if (line.startsWith("BASH_JAVA_UTILS_EXEC_RESULT:")) {
                (jvm.isEmpty() ? jvm : dynamic).addAll(List.of(line.substring(28).trim().split("\\s+")));
            }
        }
        // G1 regions of 4 MB, as the launcher gives the in-process job: the encoder's frame-long arrays are not
        // humongous objects then.
        jvm.addAll(List.of("-XX:G1HeapRegionSize=4m", "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1",
                "-Dai.djl.pytorch.num_interop_threads=1", "-Dlog4j.configurationFile=" + conf.resolve(
                        "log4j.properties")));
        List<String> args = new ArrayList<>(List.of("-c", conf.toString()));
        args.addAll(dynamic);
        JavaProcess tm = JavaProcess.start("taskmanager-" + started++, logs, jvm, classpath,
                "org.apache.flink.runtime.taskexecutor.TaskManagerRunner", args, env());
        taskManagers.add(tm);
        return tm;
    }

    public List<JavaProcess> taskManagers() {
        return taskManagers.stream().filter(JavaProcess::isAlive).toList();
    }

    private List<String> runForOutput(String main, List<String> args) throws Exception {
        Path out = Files.createTempFile(dir, "out", ".txt");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", classpath, main));
        command.addAll(args);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (p.waitFor() != 0) {
            // One line: the exception's message (Flink's own words, e.g. for memory settings it cannot satisfy).
            String output = Files.readString(out);
            String reason = output.lines().filter(l -> l.contains("Exception")).findFirst()
                    .map(l -> l.replaceFirst("^.*?Exception[^:]*: ", "")).orElse(output.strip());
            throw new IOException(main.substring(main.lastIndexOf('.') + 1) + " failed: " + reason);
        }
        return Files.readAllLines(out);
    }

    /**
     * Submits a job jar as {@code flink run -d JAR ARGS} does, and returns the job's id. The client runs the
     * job's main (which validates its options and loads the model) in its own JVM.
     */
    public String submit(Path jobJar, List<String> jobArgs) throws Exception {
        List<String> args = new ArrayList<>(List.of("run", "-m", "localhost:" + restPort, "-d", jobJar.toString()));
        args.addAll(jobArgs);
        JavaProcess client = JavaProcess.start("flink-run-" + System.nanoTime(), logs,
                List.of("-Dlog4j.configurationFile=" + conf.resolve("log4j.properties")), classpath,
                "org.apache.flink.client.cli.CliFrontend", args, env());
        int exit = client.await(180);
        String output = Files.readString(client.log());
        Matcher id = Pattern.compile("JobID ([0-9a-f]{32})").matcher(output);
        if (exit != 0 || !id.find()) {
            throw new AssertionError("flink run failed (exit " + exit + "): " + client.tail());
        }
        return id.group(1);
    }

    public JsonNode rest(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + restPort
                + path)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    /** The job's state, and whether every one of its tasks is running. */
    public boolean isFullyRunning(String jobId) throws Exception {
        JsonNode job = rest("/jobs/" + jobId);
        if (!"RUNNING".equals(job.path("state").asText())) {
            return false;
        }
        for (JsonNode vertex : job.path("vertices")) {
            if (!"RUNNING".equals(vertex.path("status").asText())) {
                return false;
            }
        }
        return true;
    }

    /**
     * How many times the job has restarted since it was submitted (Flink's {@code numRestarts} job metric). The
     * JobManager fetches metrics in the background, at most every few seconds: the first answer may be empty.
     */
    public long restarts(String jobId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode metric : rest("/jobs/" + jobId + "/metrics?get=numRestarts")) {
                return metric.path("value").asLong();
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("job " + jobId + " reported no numRestarts metric within 30 s");
    }

    /** Waits until the job and every one of its tasks run; fails with the job's state after {@code timeout}. */
    public void awaitRunning(String jobId, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (isFullyRunning(jobId)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("job " + jobId + " not running after " + timeout + ": " + state(jobId));
    }

    /** The most memory the JobManager and the TaskManagers still running have held, summed, in MB. */
    public long peakRssMb() {
        long sum = jobManager == null ? 0 : jobManager.peakRssMb();
        for (JavaProcess tm : taskManagers()) {
            sum += tm.peakRssMb();
        }
        return sum;
    }

    public long completedCheckpoints(String jobId) throws Exception {
        return rest("/jobs/" + jobId + "/checkpoints").path("counts").path("completed").asLong();
    }

    public String state(String jobId) throws Exception {
        return rest("/jobs/" + jobId).path("state").asText();
    }

    public void cancel(String jobId) throws Exception {
        http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + restPort + "/jobs/" + jobId
                + "?mode=cancel")).method("PATCH", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void awaitTaskManagers(int count, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (rest("/taskmanagers").path("taskmanagers").size() >= count) {
                    return;
                }
            } catch (IOException notYet) {
                // the JobManager's REST endpoint is still starting
            }
            Thread.sleep(500);
        }
        throw new AssertionError(count + " TaskManagers did not register in " + timeout + "; JobManager log: "
                + jobManager.tail());
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        for (JavaProcess tm : taskManagers) {
            tm.close();
        }
        if (jobManager != null) {
            jobManager.close();
        }
    }
}
