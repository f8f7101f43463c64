package org.neurocompress.kafka.consume;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.neurocompress.io.AtomicFile;
import org.neurocompress.io.JsonOutput;

/** A consume run's summary.json (docs/formats.md): written when it stops, read by the next run of its group. */
final class LastRun {
    static final String SUMMARY = "summary.json";

    private LastRun() {
    }

    static void write(Path outDir, IntegritySummary summary) throws IOException {
        AtomicFile.write(outDir.resolve(SUMMARY), JsonOutput.of(summary).getBytes(StandardCharsets.UTF_8));
    }

    /** Channel to first sample index of each file the last run in {@code outDir} wrote; empty when none ran. */
    static Map<Integer, Long> channels(Path outDir) throws IOException {
        Path file = outDir.resolve(SUMMARY);
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        Map<Integer, Long> out = new HashMap<>();
        try {
            for (JsonNode c : JsonOutput.MAPPER.readTree(file.toFile()).required("per_channel")) {
                out.put(c.required("channel").asInt(), c.required("first_sample_index").asLong());
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException(file + ": not the summary of a consume run, cannot go on with its files ("
                    + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        return out;
    }
}
