package org.neurocompress.job.encode;

import java.nio.file.Path;
import java.util.Optional;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;
import org.neurocompress.codec.Codec;
import org.neurocompress.codec.Codecs;
import org.neurocompress.codec.FrameEncoder;
import org.neurocompress.frame.FrameWriter;
import org.neurocompress.job.segment.Block;

/**
 * Encodes each block into one frame. The codec (and its model) is loaded once per subtask and closed with it. The
 * latency reported is from the moment the block's last sample arrived to its frame being ready for the sink.
 */
public final class BlockEncoder extends RichMapFunction<Block, EncodedBlock> {
    private final String codecName;
    private final int level;
    private final String modelDir;

    private transient Codec codec;
    private transient FrameEncoder encoder;
    private transient Counter framesOut;
    private transient Counter bytesOut;

    public BlockEncoder(String codecName, int level, String modelDir) {
        this.codecName = codecName;
        this.level = level;
        this.modelDir = modelDir;
    }

    @Override
    public void open(OpenContext context) throws Exception {
        codec = Codecs.create(codecName, Optional.ofNullable(modelDir).map(Path::of));
        encoder = new FrameEncoder(codec, level);
        framesOut = getRuntimeContext().getMetricGroup().counter("framesOut");
        bytesOut = getRuntimeContext().getMetricGroup().counter("bytesOut");
    }

    @Override
    public EncodedBlock map(Block block) {
        long start = System.nanoTime();
        byte[] bytes = FrameWriter.toBytes(encoder.encode(block.channel(), block.firstSampleIndex(),
                block.sampleRate(), block.samples(), 0, block.samples().length));
        long nanos = System.nanoTime() - start;
        framesOut.inc();
        bytesOut.inc(bytes.length);
        EncodedFrame frame = new EncodedFrame(block.channel(), block.firstSampleIndex(), block.samples().length, bytes);
        return new EncodedBlock(block, frame, nanos, Math.max(0, System.currentTimeMillis() - block.closedAtMillis()));
    }

    @Override
    public void close() {
        if (codec != null) {
            codec.close();
        }
    }
}
