# The neurocompress tools (topics, replay, publish, consume, watch, broker): `docker run neurocompress-tools
# --help`. Build context: the repository root, after `mvn -DskipTests package`:
#   docker build --platform linux/amd64 -f docker/tools.Dockerfile -t neurocompress-tools .
FROM --platform=linux/amd64 eclipse-temurin:17-jre

RUN useradd --system --uid 10001 --create-home neurocompress
COPY kafka-setup/target/tools-lib/ /opt/neurocompress/lib/
# The tools jar, not its -tests jar.
COPY kafka-setup/target/neurocompress-kafka-setup-*[^s].jar /opt/neurocompress/lib/
# PyTorch's CPU kernels capped on every machine (oneDNN at SSE4.1, the rest at AVX2: oneDNN's faster kernels gave
# NaN in training; README, "Native libraries"). Read by the native libraries when they load: the environment is the only place for them.
ENV DNNL_MAX_CPU_ISA=SSE41 MKL_ENABLE_INSTRUCTIONS=AVX2 ATEN_CPU_CAPABILITY=avx2 TORCH_CPP_LOG_LEVEL=ERROR
ENV DJL_CACHE_DIR=/opt/neurocompress/djl-cache
RUN mkdir -p "$DJL_CACHE_DIR" && chown neurocompress "$DJL_CACHE_DIR"
USER neurocompress
# consume decodes learned frames: unpack the native library at build time, as the job image does.
RUN java -cp "/opt/neurocompress/lib/*" org.neurocompress.codec.learned.Djl
WORKDIR /home/neurocompress
ENTRYPOINT ["java", "-Djava.awt.headless=true", "-cp", "/opt/neurocompress/lib/*", "org.neurocompress.kafka.cli.ToolsMain"]
CMD ["--help"]
