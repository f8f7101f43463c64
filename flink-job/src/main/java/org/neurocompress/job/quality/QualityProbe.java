package org.neurocompress.job.quality;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.util.Collector;
import org.neurocompress.codec.Codec;
import org.neurocompress.codec.CodecException;
import org.neurocompress.codec.Codecs;
import org.neurocompress.codec.FrameDecoder;
import org.neurocompress.frame.FrameReader;
import org.neurocompress.job.encode.EncodedBlock;
import org.neurocompress.job.segment.Block;
import org.neurocompress.metrics.QualityAccumulator;
import org.neurocompress.metrics.SpikeFidelity;
import org.neurocompress.metrics.StreamingSpikeFidelity;

/**
 * Decodes frames exactly as a receiver would (from their bytes, checking codec and model) and measures them against
 * the original block. With {@code fraction} below 1 it measures one frame in every round(1 / fraction) of each
 * channel, the measured channels rotating from one frame slot (samples per frame) to the next, so every channel is
 * watched over time while the cost stays the fraction's share; a frame that is not measured is not decoded.
 */
public final class QualityProbe extends RichFlatMapFunction<EncodedBlock, QualityEvent> {
    private final String codecName;
    private final String modelDir;
    private final double fraction;
    private final int samplesPerFrame;

    private transient Codec codec;
    private transient FrameDecoder decoder;
    private transient String model;
    /** Each measured channel's causal band filters, carried while its measured frames follow one another. */
    private transient Map<Integer, ChannelFilters> spikes;

    /** A channel's filters and the sample index they expect next (any other start restarts them). */
    private record ChannelFilters(StreamingSpikeFidelity fidelity, long expectedNext) {
    }

    public QualityProbe(String codecName, String modelDir, double fraction, int samplesPerFrame) {
        this.codecName = codecName;
        this.modelDir = modelDir;
        this.fraction = fraction;
        this.samplesPerFrame = samplesPerFrame;
    }

    /**
     * Whether the frame of {@code channel} starting at {@code firstSampleIndex} is measured: one frame slot in every
     * {@code period}, shifted per channel by a hash so each slot measures about the same number of channels.
     */
    static boolean measured(int channel, long firstSampleIndex, int samplesPerFrame, double fraction) {
        if (fraction >= 1) {
            return true;
        }
        if (fraction <= 0) {
            return false;
        }
        long period = Math.max(1, Math.round(1 / fraction));
        long slot = firstSampleIndex / samplesPerFrame;
        return Math.floorMod(slot + (channel * 0x9E3779B1L >>> 7), period) == 0;
    }

    @Override
    public void open(OpenContext context) throws Exception {
        codec = Codecs.create(codecName, Optional.ofNullable(modelDir).map(Path::of));
        decoder = new FrameDecoder(codec);
        model = codec.fingerprint().length == 0 ? null : FrameDecoder.fingerprintHex(codec.fingerprint());
        spikes = new HashMap<>();
    }

    @Override
    public void flatMap(EncodedBlock encoded, Collector<QualityEvent> out) throws CodecException,
            org.neurocompress.frame.FrameFormatException {
        Block block = encoded.block();
        if (!measured(block.channel(), block.firstSampleIndex(), samplesPerFrame, fraction)) {
            return;
        }
        var frame = FrameReader.parse(encoded.frame().bytes());
        short[] decoded = decoder.decode(frame);
        QualityAccumulator quality = new QualityAccumulator();
        quality.add(block.samples(), decoded);
        ChannelFilters filters = spikes.get(frame.channel());
        if (filters == null || filters.expectedNext() != block.firstSampleIndex()) {
            filters = new ChannelFilters(new StreamingSpikeFidelity(SpikeFidelity.Filters.of(frame.sampleRate())), 0);
        }
        StreamingSpikeFidelity.Counts counts = filters.fidelity().add(block.samples(), decoded);
        spikes.put(frame.channel(), new ChannelFilters(filters.fidelity(),
                block.firstSampleIndex() + block.samples().length));
        out.collect(new QualityEvent(frame.channel(), quality.sums(), counts, encoded.frame().bytes().length, 1, 0,
                encoded.latencyMillis(), codec.name(), frame.level(), model));
    }

    @Override
    public void close() {
        if (codec != null) {
            codec.close();
        }
    }
}
