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
import org.neurocompress.metrics.QualityAccumulator;
import org.neurocompress.metrics.SpikeFidelity;
import org.neurocompress.metrics.StreamingSpikeFidelity;

/**
 * Decodes frames exactly as a receiver would (from their bytes, checking codec and model) and measures them against
 * the original block. Only a fraction of channels is measured when {@code fraction} is below 1, chosen by channel
 * number so a measured channel is measured throughout.
 */
public final class QualityProbe extends RichFlatMapFunction<EncodedBlock, QualityEvent> {
    private final String codecName;
    private final String modelDir;
    private final double fraction;

    private transient Codec codec;
    private transient FrameDecoder decoder;
    private transient String model;
    /** Each measured channel's causal band filters, carried from frame to frame (they restart after a failover). */
    private transient Map<Integer, StreamingSpikeFidelity> spikes;

    public QualityProbe(String codecName, String modelDir, double fraction) {
        this.codecName = codecName;
        this.modelDir = modelDir;
        this.fraction = fraction;
    }

    static boolean measured(int channel, double fraction) {
        return fraction >= 1 || Math.floorMod(channel * 0x9E3779B1, 1000) < fraction * 1000;
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
        if (!measured(encoded.block().channel(), fraction)) {
            return;
        }
        var frame = FrameReader.parse(encoded.frame().bytes());
        short[] decoded = decoder.decode(frame);
        QualityAccumulator quality = new QualityAccumulator();
        quality.add(encoded.block().samples(), decoded);
        StreamingSpikeFidelity.Counts counts = spikes.computeIfAbsent(frame.channel(), c ->
                new StreamingSpikeFidelity(SpikeFidelity.Filters.of(frame.sampleRate())))
                .add(encoded.block().samples(), decoded);
        out.collect(new QualityEvent(frame.channel(), quality, counts, encoded.frame().bytes().length, 1, 0,
                encoded.latencyMillis(), codec.name(), frame.level(), model));
    }

    @Override
    public void close() {
        if (codec != null) {
            codec.close();
        }
    }
}
