package org.neurocompress.job;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.neurocompress.codec.Codecs;
import org.neurocompress.codec.FrameDecoder;
import org.neurocompress.frame.Frame;
import org.neurocompress.frame.FrameReader;
import org.neurocompress.job.encode.EncodedFrame;
import org.neurocompress.job.ingest.RawRecord;
import org.neurocompress.job.ingest.RejectedRecord;
import org.neurocompress.job.testing.CollectingSink;
import org.neurocompress.kafka.wire.MetricsRecord;
import org.neurocompress.kafka.wire.SamplesRecord;
import org.neurocompress.kafka.wire.SamplesRecordFormat;
import org.neurocompress.synth.SyntheticElectrode;

/** The job's dataflow on in-memory sources and sinks (no broker): what the Kafka tests check end to end. */
class JobTopologyTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final int CHANNELS = 3;
    private static final int PER_RECORD = 256;
    private static final int RECORDS = 16;
    private static final int PER_FRAME = 1024;

    @Test
    void samplesBecomeExactFramesAndAMalformedRecordADeadLetter() throws Exception {
        short[][] signal = new short[CHANNELS][];
        for (int c = 0; c < CHANNELS; c++) {
            signal[c] = new SyntheticElectrode(c + 1, 19531).samples(PER_RECORD * RECORDS);
        }
        List<byte[]> values = new ArrayList<>();
        for (int r = 0; r < RECORDS; r++) {
            short[] interleaved = new short[CHANNELS * PER_RECORD];
            for (int t = 0; t < PER_RECORD; t++) {
                for (int c = 0; c < CHANNELS; c++) {
                    interleaved[t * CHANNELS + c] = signal[c][r * PER_RECORD + t];
                }
            }
            values.add(SamplesRecordFormat.toBytes(new SamplesRecord(1, 0, CHANNELS, (long) r * PER_RECORD, 19531,
                    PER_RECORD, interleaved)));
            if (r == 5) {
                values.add(new byte[] {1, 2, 3});
            }
        }
        byte[][] all = values.toArray(new byte[0][]);
        DataGeneratorSource<RawRecord> source = new DataGeneratorSource<>(
                i -> new RawRecord("memory", 0, i, null, all[(int) (long) i]), all.length,
                TypeInformation.of(RawRecord.class));
        CollectingSink<EncodedFrame> frames = new CollectingSink<>();
        CollectingSink<MetricsRecord> metrics = new CollectingSink<>();
        CollectingSink<RejectedRecord> deadLetters = new CollectingSink<>();

        // One subtask: a generator source splits its records between subtasks, and a channel starts where its first
        // chunk to arrive starts, so the records must arrive in order.
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        CompressionJob.build(env, JobConfig.builder().topicPrefix("mem.").codec("raw", 1).samplesPerFrame(PER_FRAME)
                .reorderWindow(0).idleFlushMillis(60_000).checkpointMillis(200).parallelism(1).sidecarFraction(1.0)
                .batch(4, 20).build(), new JobIo(source, frames, metrics, deadLetters));
        env.execute("topology");

        assertEquals(1, deadLetters.received().size());
        RejectedRecord rejected = deadLetters.received().get(0);
        assertEquals(6, rejected.record().offset());
        assertTrue(rejected.reason().contains("bytes"), rejected.reason());
        assertEquals(CHANNELS * RECORDS * PER_RECORD / PER_FRAME, frames.received().size());
        FrameDecoder decoder = new FrameDecoder(Codecs.create("raw", Optional.empty()));
        Map<Integer, short[]> decoded = new TreeMap<>();
        for (EncodedFrame e : frames.received()) {
            Frame f = FrameReader.parse(e.bytes());
            assertEquals(e.channel(), f.channel());
            short[] into = decoded.computeIfAbsent(f.channel(), c -> new short[PER_RECORD * RECORDS]);
            System.arraycopy(decoder.decode(f), 0, into, (int) f.firstSampleIndex(), f.sampleCount());
        }
        for (int c = 0; c < CHANNELS; c++) {
            assertArrayEquals(signal[c], decoded.get(c), "channel " + c);
        }
    }
}
