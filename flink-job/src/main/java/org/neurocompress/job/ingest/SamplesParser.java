package org.neurocompress.job.ingest;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MeterView;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.neurocompress.job.segment.ChannelChunk;
import org.neurocompress.kafka.wire.MalformedRecordException;
import org.neurocompress.kafka.wire.SamplesRecord;
import org.neurocompress.kafka.wire.SamplesRecordFormat;

/**
 * Parses samples records and splits each into one chunk per channel. A record that does not parse goes, with the
 * reason, to the {@link #REJECTED} side output, and is counted; the stream goes on.
 */
public final class SamplesParser extends ProcessFunction<RawRecord, ChannelChunk> {
    public static final OutputTag<RejectedRecord> REJECTED = new OutputTag<>("rejected") {
    };

    private transient Counter deadLetters;
    private transient Counter samplesIn;
    private transient Counter bytesIn;

    @Override
    public void open(OpenContext context) {
        MetricGroup metrics = getRuntimeContext().getMetricGroup();
        deadLetters = metrics.counter("deadLetters");
        samplesIn = metrics.counter("samplesIn");
        bytesIn = metrics.counter("bytesIn");
        metrics.meter("samplesInPerSecond", new MeterView(samplesIn));
        metrics.meter("bytesInPerSecond", new MeterView(bytesIn));
        metrics.meter("deadLettersPerSecond", new MeterView(deadLetters));
    }

    @Override
    public void processElement(RawRecord record, Context ctx, Collector<ChannelChunk> out) {
        bytesIn.inc(record.value() == null ? 0 : record.value().length);
        SamplesRecord samples;
        try {
            samples = SamplesRecordFormat.parse(record.value());
        } catch (MalformedRecordException e) {
            deadLetters.inc();
            ctx.output(REJECTED, new RejectedRecord(record, e.getMessage()));
            return;
        }
        samplesIn.inc(samples.sampleCount());
        short[][] channels = samples.channels();
        for (int c = 0; c < channels.length; c++) {
            out.collect(new ChannelChunk(samples.firstChannel() + c, samples.firstSampleIndex(), samples.sampleRate(),
                    channels[c]));
        }
    }
}
