package org.neurocompress.it.deployed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A JVM of the deployed system (broker, JobManager, TaskManager, a tool), its output in a log file. */
final class JavaProcess implements AutoCloseable {
    /** What Flink and DJL need on Java 17 (the root pom's flink.java.opts, Flink's env.java.opts.all). */
    static final List<String> JAVA_17_OPENS = List.of(System.getProperty("flinkJavaOpts", "").split("\\s+"));

    private final String name;
    private final Process process;
    private final Path log;

    private JavaProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    static JavaProcess start(String name, Path logDir, List<String> jvmOptions, String classpath, String main,
            List<String> args, Map<String, String> env) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JAVA_17_OPENS.stream().filter(s -> !s.isBlank()).toList());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classpath);
        command.add(main);
        command.addAll(args);
        Files.createDirectories(logDir);
        Path log = logDir.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // What a deployment gives every process that may load PyTorch (README, "Native libraries").
        builder.environment().putAll(org.neurocompress.codec.learned.Djl.NATIVE_SETTINGS);
        builder.environment().putAll(env);
        return new JavaProcess(name, builder.start(), log);
    }

    String name() {
        return name;
    }

    Path log() {
        return log;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the process to end and returns its exit code; fails after {@code seconds}. */
    int await(long seconds) throws Exception {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(name + " still running after " + seconds + " s; its log: " + tail());
        }
        return process.exitValue();
    }

    /** SIGKILL: the process gets no chance to clean up, as when a machine dies. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, then SIGKILL if it has not stopped within 30 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            kill();
        }
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
