package org.neurocompress.job;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.SlidingProcessingTimeWindows;
import org.neurocompress.job.encode.BatchingEncoder;
import org.neurocompress.job.encode.EncodedBlock;
import org.neurocompress.job.encode.EncodedFrame;
import org.neurocompress.job.ingest.RawRecord;
import org.neurocompress.job.ingest.RejectedRecord;
import org.neurocompress.job.ingest.SamplesParser;
import org.neurocompress.job.quality.QualityEvent;
import org.neurocompress.job.quality.QualityProbe;
import org.neurocompress.job.quality.WindowMetrics;
import org.neurocompress.job.segment.Block;
import org.neurocompress.job.segment.ChannelChunk;
import org.neurocompress.job.segment.Segmenter;
import org.neurocompress.kafka.wire.MetricsRecord;

/**
 * The streaming compression job: samples parsed and validated (rejects to the dead letters), keyed by channel, cut
 * into blocks aligned on the absolute sample index, encoded into frames, written exactly once; a sidecar decodes
 * the frames as a receiver would and publishes rolling quality metrics. Sources and sinks come from a
 * {@link JobIo}: Kafka topics in production, in-memory ones in topology tests. Every operator has a stable uid
 * (docs/job.md), so savepoints restore into later versions and other settings.
 */
public final class CompressionJob {
    private CompressionJob() {
    }

    /** The job on its Kafka topics. */
    public static void build(StreamExecutionEnvironment env, JobConfig config) {
        build(env, config, JobIo.kafka(config));
    }

    public static void build(StreamExecutionEnvironment env, JobConfig config, JobIo io) {
        env.enableCheckpointing(config.checkpointMillis());
        env.setParallelism(config.parallelism());
        env.configure(pipelineSettings());

        DataStream<RawRecord> records = env.fromSource(io.samples(), WatermarkStrategy.noWatermarks(), "samples")
                .uid("samples");
        SingleOutputStreamOperator<ChannelChunk> chunks = records.process(new SamplesParser()).name("parse")
                .uid("parse");
        DataStream<RejectedRecord> rejected = chunks.getSideOutput(SamplesParser.REJECTED);
        rejected.sinkTo(io.deadLetters()).name("dead letters").uid("dead-letters");

        DataStream<Block> blocks = chunks.keyBy(ChannelChunk::channel, Types.INT)
                .process(new Segmenter(config.samplesPerFrame(), config.reorderWindow(), config.idleFlushMillis()))
                .name("segment").uid("segment");
        SingleOutputStreamOperator<EncodedBlock> encoded = blocks.transform("encode",
                TypeInformation.of(EncodedBlock.class), new BatchingEncoder(config.codec(), config.level(),
                        config.modelDir(), config.batchLimits())).uid("encode");
        encoded.map(EncodedBlock::frame).returns(TypeInformation.of(EncodedFrame.class)).name("frame bytes")
                .uid("frame-bytes").sinkTo(io.frames()).name("frames").uid("frames");

        sidecar(config, encoded, rejected, io);
    }

    /** Decodes frames as a receiver would and publishes rolling quality per channel and for all channels. */
    private static void sidecar(JobConfig config, DataStream<EncodedBlock> encoded,
            DataStream<RejectedRecord> rejected, JobIo io) {
        if (config.sidecarFraction() <= 0) {
            return;
        }
        DataStream<QualityEvent> quality = encoded.flatMap(new QualityProbe(config.codec(), config.modelDir(),
                config.sidecarFraction(), config.samplesPerFrame())).name("measure").uid("measure");
        DataStream<QualityEvent> deadLetters = rejected.map(r -> QualityEvent.deadLetter())
                .returns(TypeInformation.of(QualityEvent.class)).name("count dead letters").uid("count-dead-letters");
        SlidingProcessingTimeWindows windows = SlidingProcessingTimeWindows.of(
                Duration.ofMillis(config.metricsWindowMillis()), Duration.ofMillis(config.metricsSlideMillis()));
        DataStream<MetricsRecord> perChannel = quality.keyBy(QualityEvent::channel, Types.INT).window(windows)
                .aggregate(new WindowMetrics.Merge(), new WindowMetrics.PerChannel()).name("channel metrics")
                .uid("channel-metrics");
        DataStream<MetricsRecord> global = quality.union(deadLetters).windowAll(windows)
                .aggregate(new WindowMetrics.Merge(), new WindowMetrics.Global()).name("global metrics")
                .uid("global-metrics");
        perChannel.union(global).sinkTo(io.metrics()).name("metrics").uid("metrics");
    }

    /**
     * Every record type of the job has a Flink serialiser of its own (POJOs, records, {@code ChannelStateSerializer}):
     * a type that would fall back to Kryo fails the job at start instead of slowing it down. Operators neither keep
     * nor change the records they are given once they have emitted their own, so chained operators can share them.
     */
    public static Configuration pipelineSettings() {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(PipelineOptions.OBJECT_REUSE, true);
        return conf;
    }

    /** Flink configuration that keeps checkpoints in files under {@code directory} (a URI: file:///..., s3://...). */
    public static Configuration checkpointsIn(String directory) {
        Configuration conf = new Configuration();
        conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, directory);
        return conf;
    }
}
