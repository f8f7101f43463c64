package org.neurocompress.job;

import org.apache.flink.configuration.Configuration;

/** How the job's Flink metrics leave the process: Flink's Prometheus reporter, as operators scrape clusters. */
public final class Monitoring {
    private Monitoring() {
    }

    /**
     * Flink configuration that serves every metric of the process (the job's counters, meters and latency histogram
     * among them, docs/job.md) at {@code http://HOST:PORT/metrics}; {@code ports} is a port or a range such as
     * 9250-9260, one per process on a host.
     */
    public static Configuration prometheus(String ports) {
        Configuration conf = new Configuration();
        conf.setString("metrics.reporter.prom.factory.class",
                "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
        conf.setString("metrics.reporter.prom.port", ports);
        return conf;
    }
}
