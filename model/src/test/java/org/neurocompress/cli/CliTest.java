package org.neurocompress.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurocompress.synth.SyntheticRecording;
import org.neurocompress.wav.WavReader;
import picocli.CommandLine;

class CliTest {
    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        CommandLine cmd = new CommandLine(new Main());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int exit = Main.run(cmd, args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void encodeInfoDecodeRoundTrip() throws Exception {
        Path wav = dir.resolve("in.wav");
        SyntheticRecording.write(wav, 2, 30_000, 19531, 1);
        Path ncf = dir.resolve("in.ncf");
        Run encode = run("encode", "--codec", "raw", wav.toString(), ncf.toString());
        assertEquals(0, encode.exit(), encode.err());
        Run info = run("info", ncf.toString());
        assertEquals(0, info.exit(), info.err());
        assertTrue(info.out().contains("codec:             raw level 1"), info.out());
        assertTrue(info.out().contains("all checksums valid"));
        Path out = dir.resolve("out.wav");
        Run decode = run("decode", ncf.toString(), out.toString());
        assertEquals(0, decode.exit(), decode.err());
        assertEquals(WavReader.readAll(wav)[1][29_999], WavReader.readAll(out)[1][29_999]);
    }

    @Test
    void codecsListsEveryLevelWithItsNominalRatio() {
        Run codecs = run("codecs");
        assertEquals(0, codecs.exit(), codecs.err());
        assertTrue(codecs.out().contains("lossless: segments of 4096 samples, default level 1"), codecs.out());
        assertTrue(codecs.out().contains("  level 3: nominal 3.55x, 16 segments per frame (3355 ms at 19531 Hz)"),
                codecs.out());
        assertTrue(codecs.out().contains("  level 5: nominal 200x, 32 segments per frame"), "dct: " + codecs.out());
        assertEquals("1800", org.neurocompress.codec.CodecLevel.ratioText(1800));
        assertEquals("3.35", org.neurocompress.codec.CodecLevel.ratioText(3.35));
    }

    @Test
    void benchCodecReportsEveryLevelsFigures() throws Exception {
        Run bench = run("bench", "codec", "--codec", "lossless", "--seconds", "1", "--warmup", "0", "--measure", "0",
                "--json");
        assertEquals(0, bench.exit(), bench.err());
        JsonNode results = new ObjectMapper().readTree(bench.out());
        assertEquals(org.neurocompress.codec.Codecs.spec("lossless").levels().size(), results.size());
        for (JsonNode r : results) {
            assertEquals("lossless", r.get("codec").asText());
            assertEquals("generated electrode, seed 7", r.get("signal").asText());
            assertTrue(r.get("cpu").asText().contains("CPUs"), r.toString());
            for (String rate : new String[] {"encode_samples_per_second_per_core",
                "decode_samples_per_second_per_core", "encode_batched_samples_per_second_per_core",
                "segment_latency_ms_p50", "peak_rss_mb"}) {
                assertTrue(r.get(rate).asDouble() > 0, rate + " in " + r);
            }
            assertTrue(r.get("segment_latency_ms_p99").asDouble() >= r.get("segment_latency_ms_p50").asDouble());
            // Generated electrodes sit on a 10-bit grid: exact coding takes well under 16 bits a sample.
            assertTrue(r.get("compression_ratio").asDouble() > 1.5, r.toString());
        }
        Run refused = run("bench", "codec", "--seconds", "0");
        assertEquals(2, refused.exit());
        assertTrue(refused.err().contains("--seconds must be at least 1"), refused.err());
        Run negative = run("bench", "codec", "--measure", "-1");
        assertEquals(2, negative.exit());
        assertTrue(negative.err().contains("--measure at least 0"), negative.err());
    }

    @Test
    void benchCodecMeasuresOnRecordingsWhenGiven() throws Exception {
        Path data = Files.createDirectories(dir.resolve("recordings"));
        // Nothing like a generated electrode (about 3.5x exactly): a slow square wave, which exact coding shrinks to
        // a bit a sample or less.
        short[] square = new short[30_000];
        for (int i = 0; i < square.length; i++) {
            square[i] = (short) ((i / 5000) % 2 == 0 ? 640 : -640);
        }
        org.neurocompress.wav.WavWriter.writeAll(data.resolve("square.wav"), 19531, square);
        Run bench = run("bench", "codec", "--codec", "lossless", "--recordings", data.toString(), "--seconds", "1",
                "--warmup", "0", "--measure", "0", "--json");
        assertEquals(0, bench.exit(), bench.err());
        for (JsonNode r : new ObjectMapper().readTree(bench.out())) {
            assertEquals("1 recording(s), 1 channel(s)", r.get("signal").asText());
            assertTrue(r.get("compression_ratio").asDouble() > 6, r.toString());
            assertTrue(r.get("encode_samples_per_second_per_core").asDouble() > 0, r.toString());
        }
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Run none = run("bench", "codec", "--codec", "raw", "--recordings", empty.toString(), "--seconds", "1");
        assertEquals(1, none.exit(), none.err());
        assertTrue(none.err().contains("no .wav files in"), none.err());
    }

    @Test
    void wrongOrMissingArgumentsExitWith2AndNameTheProblem() {
        Run missing = run("encode", "only-one.wav");
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("Missing required parameter: 'OUT.ncf'"), missing.err());

        Run codec = run("encode", "--codec", "zstd", "a.wav", "b.ncf");
        assertEquals(2, codec.exit());
        assertTrue(codec.err().contains("unknown codec 'zstd'"), codec.err());

        Run level = run("encode", "--codec", "dct", "--level", "9", "a.wav", "b.ncf");
        assertEquals(2, level.exit());
        assertTrue(level.err().contains("--level 9: codec 'dct' has levels 1..6"), level.err());

        Run both = run("eval", "--level", "1", "--sweep", "--report", "r", "x.wav");
        assertEquals(2, both.exit());
        assertTrue(both.err().contains("mutually exclusive"), both.err());

        Run noReport = run("eval", "x.wav");
        assertEquals(2, noReport.exit());
        assertTrue(noReport.err().contains("--report"), noReport.err());
    }

    @Test
    void inputFailuresExitWith1AndOneLine() throws Exception {
        Path bad = dir.resolve("bad.wav");
        Files.writeString(bad, "this is not audio");
        Run r = run("encode", bad.toString(), dir.resolve("o.ncf").toString());
        assertEquals(1, r.exit());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("not a WAV file"), r.err());
        assertFalse(r.err().contains("at org."), "no stack trace without --verbose");

        Run missing = run("decode", dir.resolve("nope.ncf").toString(), dir.resolve("o.wav").toString());
        assertEquals(1, missing.exit());
        assertTrue(missing.err().contains("no such file: "), missing.err());

        Run verbose = run("--verbose", "encode", bad.toString(), dir.resolve("o.ncf").toString());
        assertEquals(1, verbose.exit());
        assertTrue(verbose.err().contains("at org.neurocompress"), "stack trace with --verbose");
    }

    @Test
    void evalSweepWritesTheReportAndItsPlots() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        SyntheticRecording.write(data.resolve("a.wav"), 1, 40_000, 19531, 1);
        SyntheticRecording.write(data.resolve("b.wav"), 2, 30_000, 19531, 2);
        Files.writeString(data.resolve("c.wav"), "corrupt");
        Path report = dir.resolve("report");
        Run r = run("eval", "--codec", "dct", "--sweep", "--report", report.toString(), data.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("c.wav: not a WAV file"), "the unreadable file is named: " + r.err());

        JsonNode json = new ObjectMapper().readTree(report.resolve("report.json").toFile());
        assertEquals("dct", json.get("codec").asText());
        assertEquals(2, json.get("files").asInt());
        assertTrue(json.get("model").isNull());
        assertEquals(1, json.get("skipped").size());
        JsonNode agg = json.get("aggregate");
        for (String metric : new String[] {"compression_ratio", "ratio_vs_10bit", "snr_db", "snr_ac_db", "psnr_db",
            "mse", "ssim"}) {
            for (String stat : new String[] {"mean", "median", "p10", "p90"}) {
                assertTrue(agg.get(metric).get(stat).isNumber(), metric + "." + stat);
            }
        }
        assertFalse(agg.get("lossless").asBoolean());
        assertTrue(agg.get("encode_samples_per_second").asDouble() > 0);
        assertEquals(2, json.get("per_file").size());
        assertEquals(6, json.get("points").size());
        double first = json.get("points").get(0).get("aggregate").get("snr_db").get("median").asDouble();
        double last = json.get("points").get(5).get("aggregate").get("snr_db").get("median").asDouble();
        assertTrue(first > last, "level 1 is better than level 6");
        for (String png : new String[] {"segments_compression_ratio.png", "segments_snr_db.png", "segments_psnr_db.png",
            "segments_mse.png", "segments_ssim.png", "waveform.png", "rate_distortion.png"}) {
            byte[] bytes = Files.readAllBytes(report.resolve(png));
            assertTrue(bytes.length > 1000 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G', png);
        }
        assertTrue(Files.readString(report.resolve("report.md")).contains("| 6 | 400x |"));
    }

    @Test
    void rawEvalIsLosslessWithNullDecibels() throws Exception {
        Path wav = dir.resolve("a.wav");
        SyntheticRecording.write(wav, 1, 5000, 19531, 3);
        Path report = dir.resolve("r");
        assertEquals(0, run("eval", "--codec", "raw", "--report", report.toString(), wav.toString()).exit());
        JsonNode agg = new ObjectMapper().readTree(report.resolve("report.json").toFile()).get("aggregate");
        assertTrue(agg.get("lossless").asBoolean());
        assertTrue(agg.get("snr_db").get("median").isNull());
        assertEquals(0, agg.get("max_abs_error").asInt());
    }

    @Test
    void losslessRoundTripsAWavExactlyAndNearLosslessEvalReportsItsBound() throws Exception {
        Path wav = dir.resolve("l.wav");
        SyntheticRecording.write(wav, 3, 25_001, 19531, 4);
        Path ncf = dir.resolve("l.ncf");
        Run encode = run("encode", "--codec", "lossless", wav.toString(), ncf.toString());
        assertEquals(0, encode.exit(), encode.err());
        Path out = dir.resolve("l-out.wav");
        assertEquals(0, run("decode", ncf.toString(), out.toString()).exit());
        short[][] original = WavReader.readAll(wav);
        short[][] decoded = WavReader.readAll(out);
        for (int c = 0; c < original.length; c++) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(original[c], decoded[c], "channel " + c);
        }
        assertTrue(Files.size(ncf) < Files.size(wav) / 2, "lossless shrinks an N1-like recording more than 2x");

        Path report = dir.resolve("nl");
        assertEquals(0, run("eval", "--codec", "near-lossless", "--sweep", "--report", report.toString(),
                wav.toString()).exit());
        JsonNode points = new ObjectMapper().readTree(report.resolve("report.json").toFile()).get("points");
        int[] steps = {1, 2, 4};
        int checked = 0;
        for (JsonNode point : points) {
            int level = point.get("level").asInt();
            int maxError = point.get("aggregate").get("max_abs_error").asInt();
            // Synthetic electrodes sit on a grid of 64 or 65 units a step.
            assertTrue(maxError > 0 && maxError <= steps[level - 1] * 65, "level " + level + ": " + maxError);
            checked++;
        }
        assertEquals(3, checked, "one report a level");
    }
}
