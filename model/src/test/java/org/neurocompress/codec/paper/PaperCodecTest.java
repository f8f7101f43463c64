package org.neurocompress.codec.paper;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurocompress.codec.CodecException;
import org.neurocompress.codec.FrameDecoder;
import org.neurocompress.codec.FrameEncoder;
import org.neurocompress.codec.WrongModelException;
import org.neurocompress.codec.learned.LearnedCodecChecks;
import org.neurocompress.codec.learned.TrainingData;
import org.neurocompress.codec.learned.TrainingOptions;
import org.neurocompress.codec.learned.TrainingRun;
import org.neurocompress.frame.Frame;
import org.neurocompress.frame.FrameReader;
import org.neurocompress.frame.FrameWriter;
import org.neurocompress.synth.SyntheticElectrode;
import org.neurocompress.synth.SyntheticRecording;

/** The paper preset trained briefly on generated signals: training, model folders and the codec. */
class PaperCodecTest {
    @TempDir
    static Path dir;
    static Path data;
    static Path modelA;
    static Path modelB;
    static TrainingRun.Result resultA;

    @BeforeAll
    static void train() throws Exception {
        data = Files.createDirectories(dir.resolve("data"));
        for (int f = 0; f < 4; f++) {
            SyntheticRecording.write(data.resolve("rec" + f + ".wav"), 2, 4 * 8000 * 2, 19531, f);
        }
        TrainingData segments = TrainingData.load(data, PaperPreset.SEGMENT_LENGTH, w -> { });
        modelA = dir.resolve("a");
        modelB = dir.resolve("b");
        resultA = new TrainingRun(new PaperPreset(), segments, new TrainingOptions(4, 1, modelA, false)).run(LearnedCodecChecks.QUIET);
        new TrainingRun(new PaperPreset(), segments, new TrainingOptions(1, 2, modelB, false)).run(LearnedCodecChecks.QUIET);
    }

    @Test
    void aShortTrainingRunLowersTheLoss() {
        List<Double> losses = resultA.epochLosses();
        assertEquals(4, losses.size());
        assertTrue(losses.get(3) < losses.get(0), "losses " + losses);
        assertTrue(Files.isRegularFile(modelA.resolve("loss.csv")) && Files.isRegularFile(modelA.resolve("loss.png")));
    }

    @Test
    void savedAndLoadedModelsGiveIdenticalOutputs() throws Exception {
        short[] x = new SyntheticElectrode(9, 19531).samples(3 * 8000);
        try (PaperCodec first = PaperCodec.open(Optional.of(modelA));
                PaperCodec second = PaperCodec.open(Optional.of(modelA))) {
            LearnedCodecChecks.savedAndLoadedModelsAgree(first, second, modelA, new PaperPreset(),
                    dir.resolve("copy"), x, 1, 0);
        }
    }

    @Test
    void aBatchedInferenceGivesTheSamePayloadsAsOneRunAtATime() throws Exception {
        try (PaperCodec codec = PaperCodec.open(Optional.of(modelA))) {
            List<short[]> runs = List.of(new SyntheticElectrode(1, 19531).samples(8000 * 2),
                    new SyntheticElectrode(2, 19531).samples(123), new SyntheticElectrode(3, 19531).samples(8000 * 3
                            + 17));
            LearnedCodecChecks.batchedEqualsOneAtATime(codec, runs, 1, new int[3]);
        }
    }

    @Test
    void framesRoundTripWithAShortLastSegment() throws Exception {
        short[] x = new SyntheticElectrode(3, 19531).samples(8000 * 4 + 123);
        try (PaperCodec codec = PaperCodec.open(Optional.of(modelA))) {
            FrameEncoder encoder = new FrameEncoder(codec, 1);
            FrameDecoder decoder = new FrameDecoder(codec);
            for (int at = 0; at < x.length; at += encoder.samplesPerFrame()) {
                int n = Math.min(encoder.samplesPerFrame(), x.length - at);
                Frame frame = FrameReader.parse(FrameWriter.toBytes(encoder.encode(0, at, 19531, x, at, n)));
                assertArrayEquals(codec.fingerprint(), frame.fingerprint());
                assertEquals(n, decoder.decode(frame).length);
            }
        }
    }

    @Test
    void aFrameFromAnotherModelIsRefusedByName() throws Exception {
        short[] x = new SyntheticElectrode(4, 19531).samples(8000);
        try (PaperCodec a = PaperCodec.open(Optional.of(modelA)); PaperCodec b = PaperCodec.open(Optional.of(modelB))) {
            assertNotEquals(FrameDecoder.fingerprintHex(a.fingerprint()), FrameDecoder.fingerprintHex(b.fingerprint()));
            Frame frame = new FrameEncoder(a, 1).encode(0, 0, 19531, x, 0, x.length);
            WrongModelException e = assertThrows(WrongModelException.class, () -> new FrameDecoder(b).decode(frame));
            assertTrue(e.getMessage().contains(FrameDecoder.fingerprintHex(a.fingerprint()))
                    && e.getMessage().contains(FrameDecoder.fingerprintHex(b.fingerprint())), e.getMessage());
        }
    }

    @Test
    void corruptPayloadsAndWeightsAreNamed() throws Exception {
        try (PaperCodec codec = PaperCodec.open(Optional.of(modelA))) {
            CodecException wrongLength = assertThrows(CodecException.class, () -> codec.decode(new byte[3], 8000, 1));
            assertTrue(wrongLength.getMessage().contains("3 bytes for 1 segments"));
            CodecException badCode = assertThrows(CodecException.class,
                    () -> codec.decode(new byte[] {(byte) 200}, 8000, 1));
            assertTrue(badCode.getMessage().contains("code index 200"));
        }
        Path broken = Files.createDirectories(dir.resolve("broken"));
        Files.copy(modelA.resolve("model.json"), broken.resolve("model.json"));
        byte[] weights = Files.readAllBytes(modelA.resolve("weights.ncw"));
        weights[weights.length / 2] ^= 1;
        Files.write(broken.resolve("weights.ncw"), weights);
        IOException e = assertThrows(IOException.class, () -> PaperCodec.open(Optional.of(broken)));
        assertTrue(e.getMessage().contains("does not match model.json's"), e.getMessage());
        IOException notModel = assertThrows(IOException.class, () -> PaperCodec.open(Optional.of(data)));
        assertTrue(notModel.getMessage().contains("is not a model folder"), notModel.getMessage());
    }

    @Test
    void encodingAndDecodingFreeTheirNativeMemory() throws Exception {
        short[] x = new SyntheticElectrode(6, 19531).samples(8000 * 3);
        try (PaperCodec codec = PaperCodec.open(Optional.of(modelA))) {
            LearnedCodecChecks.nativeMemoryIsFreed(codec, x, 1, 100);
        }
    }

    @Test
    void theShippedModelLoadsAndRoundTripsFrames() throws Exception {
        try (PaperCodec shipped = PaperCodec.open(Optional.empty())) {
            assertEquals(8, shipped.fingerprint().length);
            short[] x = new SyntheticElectrode(11, 19531).samples(8000 * 2);
            Frame frame = new FrameEncoder(shipped, 1).encode(3, 0, 19531, x, 0, x.length);
            assertEquals(x.length, new FrameDecoder(shipped).decode(FrameReader.parse(FrameWriter.toBytes(frame)))
                    .length);
        }
    }

    @Test
    void resumeContinuesFromTheLastCheckpoint() throws Exception {
        TrainingData segments = TrainingData.load(data, PaperPreset.SEGMENT_LENGTH, w -> { });
        Path out = dir.resolve("resumed");
        TrainingRun.Result first = new TrainingRun(new PaperPreset(), segments, new TrainingOptions(2, 5, out, false))
                .run(LearnedCodecChecks.QUIET);
        TrainingRun.Result second = new TrainingRun(new PaperPreset(), segments, new TrainingOptions(3, 5, out, true))
                .run(LearnedCodecChecks.QUIET);
        assertEquals(2, second.firstEpoch());
        assertEquals(3, second.epochLosses().size());
        assertEquals(first.epochLosses(), second.epochLosses().subList(0, 2));
    }

    @Test
    void trainingFoldersWithoutUsableRecordingsAreExplained() throws Exception {
        Path mixed = Files.createDirectories(dir.resolve("mixed"));
        SyntheticRecording.write(mixed.resolve("good.wav"), 1, 16000, 19531, 1);
        Files.writeString(mixed.resolve("bad.wav"), "not audio");
        List<String> warnings = new ArrayList<>();
        TrainingData d = TrainingData.load(mixed, PaperPreset.SEGMENT_LENGTH, warnings::add);
        assertEquals(2, d.segments().length);
        assertEquals(1, d.skipped().size());
        assertTrue(warnings.get(0).contains("bad.wav"), warnings.toString());

        Path empty = Files.createDirectories(dir.resolve("empty"));
        IOException none = assertThrows(IOException.class, () -> TrainingData.load(empty, 8000, w -> { }));
        assertTrue(none.getMessage().contains("no usable recordings"), none.getMessage());
        Path shortOnly = Files.createDirectories(dir.resolve("short"));
        SyntheticRecording.write(shortOnly.resolve("s.wav"), 1, 100, 19531, 1);
        IOException tooShort = assertThrows(IOException.class, () -> TrainingData.load(shortOnly, 8000, w -> { }));
        assertTrue(tooShort.getMessage().contains("none with a whole 8000-sample segment"), tooShort.getMessage());
    }
}
