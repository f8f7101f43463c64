package org.neurocompress.job;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.neurocompress.job.encode.EncodedFrame;
import org.neurocompress.job.ingest.RawRecord;
import org.neurocompress.job.ingest.RejectedRecord;
import org.neurocompress.job.testing.CollectingSink;
import org.neurocompress.kafka.wire.MetricsRecord;
import org.neurocompress.kafka.wire.SamplesRecord;
import org.neurocompress.kafka.wire.SamplesRecordFormat;

/** The job's metrics, served by Flink's Prometheus reporter, read over HTTP as Prometheus scrapes them. */
class PrometheusMetricsTest {
    private static final int CHANNELS = 4;
    private static final int PER_RECORD = 512;

    /** Record i: samples [i * PER_RECORD, (i + 1) * PER_RECORD) of every channel, a slow ramp. */
    private static RawRecord record(long i) {
        short[] interleaved = new short[CHANNELS * PER_RECORD];
        for (int k = 0; k < interleaved.length; k++) {
            interleaved[k] = (short) ((i * PER_RECORD + k / CHANNELS) % 2000 - 1000);
        }
        return new RawRecord("generated", 0, i, null, SamplesRecordFormat.toBytes(new SamplesRecord(1, 0, CHANNELS,
                i * PER_RECORD, 19531, PER_RECORD, interleaved)));
    }

    @Test
    void theJobsCountersAndLatencyAreScrapedFromTheMetricsEndpoint() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Configuration conf = Monitoring.prometheus(Integer.toString(port));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1, conf);
        DataGeneratorSource<RawRecord> source = new DataGeneratorSource<>(PrometheusMetricsTest::record,
                Long.MAX_VALUE, RateLimiterStrategy.perSecond(200), TypeInformation.of(RawRecord.class));
        CompressionJob.build(env, JobConfig.builder().codec("raw", 1).samplesPerFrame(1024).parallelism(1)
                .checkpointMillis(500).sidecarFraction(0).build(), new JobIo(source, new CollectingSink<EncodedFrame>(),
                new CollectingSink<MetricsRecord>(), new CollectingSink<RejectedRecord>()));
        JobClient job = env.executeAsync("prometheus");
        try {
            HttpClient http = HttpClient.newHttpClient();
            String body = "";
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                try {
                    body = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/metrics"))
                            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
                } catch (java.io.IOException notYet) {
                    body = "";
                }
                if (value(body, "samplesIn") > 0 && value(body, "framesOut") > 0) {
                    break;
                }
                Thread.sleep(500);
            }
            for (String metric : List.of("samplesIn", "bytesIn", "deadLetters", "framesOut", "bytesOut",
                    "duplicateSamples", "gaps", "encodeLatencyMs")) {
                assertTrue(body.contains("operator_" + metric), metric + " is not served:\n" + head(body));
            }
            assertTrue(value(body, "samplesIn") > 0, "samples counted:\n" + head(body));
            assertTrue(value(body, "framesOut") > 0, "frames counted:\n" + head(body));
        } finally {
            job.cancel().get();
        }
    }

    /** The largest value of the job operator metric {@code name} (summed over none: one subtask). */
    private static double value(String body, String name) {
        Matcher m = Pattern.compile("(?m)^flink_taskmanager_job_task_operator_" + name + "\\{[^}]*} ([0-9.eE+-]+)$")
                .matcher(body);
        double max = -1;
        while (m.find()) {
            max = Math.max(max, Double.parseDouble(m.group(1)));
        }
        return max;
    }

    private static String head(String body) {
        return body.lines().filter(l -> l.contains("operator_")).limit(30).reduce("", (a, b) -> a + b + "\n");
    }
}
