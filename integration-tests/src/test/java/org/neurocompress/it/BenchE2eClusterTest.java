package org.neurocompress.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.neurocompress.codec.CodecSpec;
import org.neurocompress.codec.Codecs;
import org.neurocompress.local.BenchE2eCommand;
import picocli.CommandLine;

/**
 * {@code bench e2e --cluster}: the job jar on a standalone cluster of separate JVMs delivers every channel's frames
 * exactly once, reports its figures, and drains a backlog larger than its TaskManager's heap without a restart. No
 * timing asserted.
 */
class BenchE2eClusterTest {
    private static final int RATE = 19531;

    @Test
    void runsTheJobOnTwoTaskManagersAndCountsFramesExactlyOnce() throws Exception {
        JsonNode r = bench("--task-managers", "2", "--channels", "6", "--duration", "3", "--codec", "raw");
        assertEquals(2, r.get("task_managers").asInt());
        assertEquals(6 * frames("raw", 3), r.get("frames").asInt());
        assertEquals(0, r.get("frames_lost").asInt());
        assertEquals(0, r.get("frames_duplicated").asInt());
        assertEquals(0, r.get("restarts").asInt());
        // This process's peak and the cluster's three JVMs': more than this process alone ever held.
        assertTrue(r.get("peak_memory_mb").asLong() > org.neurocompress.bench.CodecBenchmark.peakRssMb(),
                r.toString());
    }

    /**
     * Backpressure with bounded memory: 128 channels x 60 s of samples (150 M samples, 300 MB as 16-bit values)
     * wait in the topic before the job starts, and one TaskManager of 900 MB (Flink's memory model gives it a heap of
     * about 240 MB) encodes them with the default codec. Were the backlog buffered rather than read as fast as it
     * is encoded, the TaskManager would run out of memory and the job would restart.
     */
    @Test
    void drainsABacklogLargerThanTheTaskManagersHeapWithoutARestart() throws Exception {
        JsonNode r = bench("--task-managers", "1", "--parallelism", "1", "--task-manager-memory", "900m",
                "--channels", "128", "--duration", "60");
        assertEquals(0, r.get("restarts").asInt(), r.toString());
        assertEquals(128 * frames(Codecs.DEFAULT, 60), r.get("frames").asInt());
        assertEquals(0, r.get("frames_lost").asInt());
        assertEquals(0, r.get("frames_duplicated").asInt());
    }

    /** Memory Flink cannot divide into a TaskManager: one line in Flink's words, and the logs kept. */
    @Test
    void aTaskManagerMemoryFlinkCannotUseIsOneLineNamingIt() throws Exception {
        Run run = run("--task-manager-memory", "300m", "--channels", "2", "--duration", "1");
        assertEquals(1, run.exit(), run.err());
        String error = run.err().lines().filter(l -> l.startsWith("e2e: error:")).findFirst().orElse(run.err());
        assertTrue(error.contains("Total Process Memory (300.000mb"), error);
        String kept = run.err().lines().filter(l -> l.contains("the cluster's logs are kept in ")).findFirst()
                .orElseThrow(() -> new AssertionError("no logs kept: " + run.err()));
        Path logs = Path.of(kept.substring(kept.indexOf(" in ") + 4).trim());
        assertTrue(Files.isDirectory(logs), logs.toString());
        try (var files = Files.walk(logs)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        // The JobManager had started before the TaskManager failed: it is stopped, not left running.
        List<String> left = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .flatMap(p -> java.util.stream.Stream.of("StandaloneSessionClusterEntrypoint", "TaskManagerRunner")
                        .filter(commandLine(p)::contains).map(main -> main + " (pid " + p.pid() + ")"))
                .toList();
        assertEquals(List.of(), left);
    }

    /** A process's whole command line: ProcessHandle.Info leaves it out when it is long (a cluster's class path). */
    private static String commandLine(ProcessHandle process) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "cmdline")),
                    java.nio.charset.StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (java.io.IOException notLinux) {
            return process.info().commandLine().orElse("");
        }
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... options) {
        CommandLine cmd = new CommandLine(new BenchE2eCommand());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        // No warm-up: these runs check frames, memory and errors, not a rate.
        List<String> args = new ArrayList<>(List.of("--cluster", "--json", "--warmup", "0"));
        args.addAll(List.of(options));
        int exit = org.neurocompress.cli.Main.run(cmd, args.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    private static JsonNode bench(String... options) throws Exception {
        Run run = run(options);
        assertEquals(0, run.exit(), run.err());
        return new ObjectMapper().readTree(run.out());
    }

    /** Frames of one channel of {@code seconds} at the codec's default level: the last one short. */
    private static int frames(String codec, int seconds) {
        CodecSpec spec = Codecs.spec(codec);
        int perFrame = spec.level(spec.defaultLevel()).segmentsPerFrame() * spec.segmentLength();
        return (seconds * RATE + perFrame - 1) / perFrame;
    }
}
