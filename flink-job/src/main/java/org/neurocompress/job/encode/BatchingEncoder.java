package org.neurocompress.job.encode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MeterView;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.neurocompress.codec.Codec;
import org.neurocompress.codec.Codecs;
import org.neurocompress.codec.FrameEncoder;
import org.neurocompress.frame.Frame;
import org.neurocompress.frame.FrameWriter;
import org.neurocompress.job.segment.Block;

/**
 * Encodes blocks of many channels together, one codec call per batch (one inference for a learned codec). A batch
 * is encoded when it holds {@link Limits#blocks} blocks or {@link Limits#samples} samples, when its oldest block has
 * waited {@link Limits#waitMillis}, and before every checkpoint barrier, so no block is ever held across a
 * checkpoint and exactly-once needs no state.
 */
public final class BatchingEncoder extends AbstractStreamOperator<EncodedBlock>
        implements OneInputStreamOperator<Block, EncodedBlock> {
    private final String codecName;
    private final int level;
    private final String modelDir;
    private final Limits limits;

    private transient Codec codec;
    private transient FrameEncoder encoder;
    private transient List<Block> batch;
    private transient long batchSamples;
    private transient boolean timerSet;
    private transient Counter framesOut;
    private transient Counter bytesOut;
    private transient Counter batches;
    private transient Histogram latencyMs;

    /** A batch is encoded at this many blocks, at this many samples, or when its oldest block waited this long. */
    public record Limits(int blocks, int samples, long waitMillis) implements java.io.Serializable {
        /** Whether a batch of this many blocks holding this many samples is to be encoded now. */
        public boolean reachedBy(int batchBlocks, long batchSamples) {
            return batchBlocks >= blocks || batchSamples >= samples;
        }
    }

    public BatchingEncoder(String codecName, int level, String modelDir, Limits limits) {
        this.codecName = codecName;
        this.level = level;
        this.modelDir = modelDir;
        this.limits = limits;
    }

    @Override
    public void open() throws Exception {
        super.open();
        codec = Codecs.create(codecName, Optional.ofNullable(modelDir).map(Path::of));
        encoder = new FrameEncoder(codec, level);
        batch = new ArrayList<>(Math.min(limits.blocks(), 1024));
        MetricGroup metrics = getRuntimeContext().getMetricGroup();
        framesOut = metrics.counter("framesOut");
        bytesOut = metrics.counter("bytesOut");
        batches = metrics.counter("batches");
        metrics.meter("framesOutPerSecond", new MeterView(framesOut));
        metrics.meter("bytesOutPerSecond", new MeterView(bytesOut));
        // From a block's last sample arriving to its frame leaving the encoder (batch wait included).
        latencyMs = metrics.histogram("encodeLatencyMs", new DescriptiveStatisticsHistogram(10_000));
    }

    @Override
    public void processElement(StreamRecord<Block> element) {
        batch.add(element.getValue());
        batchSamples += element.getValue().samples().length;
        if (limits.reachedBy(batch.size(), batchSamples)) {
            flush();
        } else if (!timerSet) {
            timerSet = true;
            long due = getProcessingTimeService().getCurrentProcessingTime() + limits.waitMillis();
            getProcessingTimeService().registerTimer(due, time -> {
                timerSet = false;
                flush();
            });
        }
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        super.prepareSnapshotPreBarrier(checkpointId);
        flush();
    }

    @Override
    public void finish() throws Exception {
        flush();
        super.finish();
    }

    private void flush() {
        if (batch.isEmpty()) {
            return;
        }
        List<FrameEncoder.Run> runs = new ArrayList<>(batch.size());
        for (Block b : batch) {
            runs.add(new FrameEncoder.Run(b.channel(), b.firstSampleIndex(), b.sampleRate(), b.samples()));
        }
        long start = System.nanoTime();
        List<Frame> frames = encoder.encodeBatch(runs);
        long nanosPerBlock = (System.nanoTime() - start) / batch.size();
        long now = System.currentTimeMillis();
        for (int i = 0; i < frames.size(); i++) {
            Block b = batch.get(i);
            byte[] bytes = FrameWriter.toBytes(frames.get(i));
            latencyMs.update(Math.max(0, now - b.closedAtMillis()));
            framesOut.inc();
            bytesOut.inc(bytes.length);
            output.collect(new StreamRecord<>(new EncodedBlock(b, new EncodedFrame(b.channel(), b.firstSampleIndex(),
                    b.samples().length, bytes), nanosPerBlock, Math.max(0, now - b.closedAtMillis()))));
        }
        batches.inc();
        batch.clear();
        batchSamples = 0;
    }

    @Override
    public void close() throws Exception {
        if (codec != null) {
            codec.close();
        }
        super.close();
    }
}
