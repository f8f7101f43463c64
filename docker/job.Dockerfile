# The neurocompress job on the official Flink image: JobManager and TaskManagers of docker/compose.yaml,
# or any Flink 2.2 cluster built from it. Build context: the repository root, after `mvn -DskipTests package`:
#   docker build --platform linux/amd64 -f docker/job.Dockerfile -t neurocompress-job .
# The native PyTorch library exists for x86-64 only, hence the pinned platform.
FROM --platform=linux/amd64 flink:2.2-java17

# DJL in the cluster's lib/, loaded parent-first: the native library binds to one classloader per JVM, and a
# job restart (a new user-code classloader) must find it already bound there.
COPY --chown=flink:flink flink-job/target/cluster-lib/ /opt/flink/lib/
COPY --chown=flink:flink flink-job/target/neurocompress-flink-job-*-job.jar /opt/flink/usrlib/neurocompress-job.jar
# Flink's Prometheus reporter as a plugin (the same jar the build uses; docker/flink-config.yaml enables it).
COPY --chown=flink:flink flink-job/target/plugins/metrics-prometheus/ /opt/flink/plugins/metrics-prometheus/
COPY --chown=flink:flink docker/flink-config.yaml /opt/flink/conf/neurocompress.yaml
RUN cat /opt/flink/conf/neurocompress.yaml >> /opt/flink/conf/config.yaml

# Unpack the native library now, so TaskManagers start with no network and no first-run extraction.
# PyTorch's CPU kernels capped on every machine (oneDNN at SSE4.1, the rest at AVX2: oneDNN's faster kernels gave
# NaN in training; README, "Native libraries"). Read by the native libraries when they load: the environment is the only place for them.
ENV DNNL_MAX_CPU_ISA=SSE41 MKL_ENABLE_INSTRUCTIONS=AVX2 ATEN_CPU_CAPABILITY=avx2 TORCH_CPP_LOG_LEVEL=ERROR
ENV DJL_CACHE_DIR=/opt/flink/djl-cache
RUN mkdir -p "$DJL_CACHE_DIR" /checkpoints && chown flink:flink "$DJL_CACHE_DIR" /checkpoints
USER flink
RUN java -cp "/opt/flink/lib/*:/opt/flink/usrlib/neurocompress-job.jar" org.neurocompress.codec.learned.Djl
