package org.neurocompress.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurocompress.container.NcfFormat;
import org.neurocompress.container.NcfHeader;
import org.neurocompress.frame.CodecId;
import org.neurocompress.frame.Frame;
import org.neurocompress.frame.FrameWriter;
import org.neurocompress.synth.SyntheticRecording;
import org.neurocompress.wav.WavReader;
import picocli.CommandLine;

/**
 * No good data lost: an input is never overwritten, a failing or interrupted command leaves no partial file and an
 * existing output as it was, hostile files fail fast in a small heap, and many channels fit in bounded memory.
 */
class SafeOutputsTest {
    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        CommandLine cmd = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return new Run(Main.run(cmd, args), out.toString(), err.toString());
    }

    private Path recording(String name, int channels, int samples) throws IOException {
        Path wav = dir.resolve(name);
        SyntheticRecording.write(wav, channels, samples, 19531, 3);
        return wav;
    }

    private List<Path> partials() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".partial")).toList();
        }
    }

    @Test
    void anOutputThatIsTheInputIsRefusedBeforeAnythingIsWritten() throws Exception {
        Path wav = recording("same.wav", 1, 40_000);
        byte[] before = Files.readAllBytes(wav);
        Run encode = run("encode", "--codec", "dct", wav.toString(), wav.toString());
        assertEquals(2, encode.exit(), encode.err());
        assertTrue(encode.err().contains("is the input"), encode.err());
        Path alias = Files.createSymbolicLink(dir.resolve("alias.wav"), wav);
        assertEquals(2, run("encode", "--codec", "dct", wav.toString(), alias.toString()).exit());
        assertArrayEquals(before, Files.readAllBytes(wav), "the recording is intact");

        Path ncf = dir.resolve("x.ncf");
        assertEquals(0, run("encode", "--codec", "dct", wav.toString(), ncf.toString()).exit());
        byte[] encoded = Files.readAllBytes(ncf);
        assertEquals(2, run("decode", ncf.toString(), ncf.toString()).exit());
        assertArrayEquals(encoded, Files.readAllBytes(ncf));
        assertEquals(List.of(), partials());
    }

    @Test
    void aFailingDecodeLeavesTheExistingOutputAsItWasAndNoPartialFile() throws Exception {
        Path wav = recording("in.wav", 2, 200_000);
        Path ncf = dir.resolve("in.ncf");
        assertEquals(0, run("encode", "--codec", "dct", "--level", "1", wav.toString(), ncf.toString()).exit());
        byte[] whole = Files.readAllBytes(ncf);
        Path truncated = dir.resolve("truncated.ncf");
        Files.write(truncated, java.util.Arrays.copyOf(whole, whole.length / 2));
        Path existing = recording("existing.wav", 1, 5_000);
        byte[] before = Files.readAllBytes(existing);

        Run decode = run("decode", truncated.toString(), existing.toString());
        assertEquals(1, decode.exit());
        assertTrue(decode.err().contains("truncated"), decode.err());
        assertArrayEquals(before, Files.readAllBytes(existing), "the existing file is untouched");
        Run fresh = run("decode", truncated.toString(), dir.resolve("new.wav").toString());
        assertEquals(1, fresh.exit());
        assertFalse(Files.exists(dir.resolve("new.wav")), "no output from a failed decode");
        assertEquals(List.of(), partials(), "no partial file left");
    }

    @Test
    void aSigtermDuringEncodeLeavesNoPartialFile() throws Exception {
        Path wav = recording("long.wav", 16, 40 * 19531);
        Path out = dir.resolve("long.ncf");
        Process child = new ProcessBuilder(java(List.of("-Xmx512m"), "encode", "--codec", "dct", "--level", "1",
                wav.toString(), out.toString())).redirectErrorStream(true).redirectOutput(dir.resolve("child.log")
                        .toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (partials().isEmpty() && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertFalse(partials().isEmpty(), "the encoder writes beside its target: " + Files.readString(dir.resolve(
                "child.log")));
        assertTrue(child.isAlive(), "still encoding when stopped");
        child.destroy(); // SIGTERM
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        assertEquals(List.of(), partials(), "the shutdown removed the partial file");
        assertFalse(Files.exists(out), "no output from an interrupted encode");
    }

    /**
     * A crafted file with valid checksums: 65 535 channels of silent 1 048 576-sample frames (the bomb of issue 14).
     * Its header alone asks for 128 GiB per slot: refused at once, in a 256 MB heap, by decode and by info.
     */
    @Test
    void aDecompressionBombFailsFastInASmallHeap() throws Exception {
        Path bomb = dir.resolve("bomb.ncf");
        int channels = 65_535;
        int samples = 1 << 20;
        NcfHeader header = new NcfHeader(channels, 19531, samples, CodecId.RAW, 1, new byte[0], 1024, samples);
        try (OutputStream out = Files.newOutputStream(bomb)) {
            NcfFormat.writeHeader(header, out);
            for (int c = 0; c < 64; c++) {
                // A few plausible frames follow; the reader never needs them.
                out.write(FrameWriter.toBytes(new Frame(CodecId.RAW, 1, new byte[0], c, 0, 19531, 1024, 1,
                        new byte[2])));
            }
        }
        for (String command : new String[] {"decode", "info"}) {
            List<String> args = new ArrayList<>(List.of(command, bomb.toString()));
            if (command.equals("decode")) {
                args.add(dir.resolve("bomb.wav").toString());
            }
            Process child = new ProcessBuilder(java(List.of("-Xmx256m"), args.toArray(String[]::new)))
                    .redirectErrorStream(true).start();
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), command + " still running");
            String output = new String(child.getInputStream().readAllBytes());
            assertEquals(1, child.exitValue(), output);
            String error = output.lines().filter(l -> l.contains("error:")).findFirst().orElse(output);
            assertTrue(error.contains("128 MiB a reader allows"), error);
            assertFalse(output.contains("OutOfMemoryError") || output.contains("\tat "), output);
        }
        assertFalse(Files.exists(dir.resolve("bomb.wav")));
    }

    /** 32 767 channels: frames shrink so one slot fits in 128 MiB, and both directions run in a 400 MB heap. */
    @Test
    void aRecordingOfManyChannelsIsEncodedAndDecodedInBoundedMemory() throws Exception {
        Path wav = recording("many.wav", 32_767, 3000);
        Path ncf = dir.resolve("many.ncf");
        Path back = dir.resolve("back.wav");
        for (String[] args : new String[][] {{"encode", "--codec", "raw", wav.toString(), ncf.toString()},
            {"decode", ncf.toString(), back.toString()}}) {
            Process child = new ProcessBuilder(java(List.of("-Xmx400m"), args)).redirectErrorStream(true).start();
            assertTrue(child.waitFor(120, TimeUnit.SECONDS), args[0] + " still running");
            String output = new String(child.getInputStream().readAllBytes());
            assertEquals(0, child.exitValue(), output);
            if (args[0].equals("encode")) {
                assertTrue(output.contains("32767 channels: 2 segments a frame instead of 4"), output);
            }
        }
        try (WavReader a = WavReader.open(wav); WavReader b = WavReader.open(back)) {
            assertEquals(a.format(), b.format());
        }
        assertArrayEquals(Files.readAllBytes(wav), Files.readAllBytes(back), "raw is exact");
    }

    @Test
    void everyArgumentIsCheckedBeforeAnyWork() throws Exception {
        Path wav = recording("in.wav", 1, 10_000);
        Run codecs = run("eval", "--codec", "dct,foo", "--report", dir.resolve("r").toString(), wav.toString());
        assertEquals(2, codecs.exit());
        assertTrue(codecs.err().contains("unknown codec 'foo'"), codecs.err());
        assertFalse(Files.exists(dir.resolve("r")), "nothing evaluated");
        Path file = Files.writeString(dir.resolve("report-is-a-file"), "x");
        Run report = run("eval", "--codec", "dct", "--report", file.toString(), wav.toString());
        assertEquals(2, report.exit());
        assertTrue(report.err().contains("a file, not a folder"), report.err());
        Run model = run("encode", "--codec", "dct", "--model", dir.toString(), wav.toString(), "o.ncf");
        assertEquals(2, model.exit());
        assertTrue(model.err().contains("codec 'dct' uses no model"), model.err());
        Run folder = run("encode", "--codec", "dct", dir.toString(), dir.resolve("o.ncf").toString());
        assertEquals(1, folder.exit());
        assertTrue(folder.err().contains(dir + ": is a folder, not a file"), folder.err());
    }

    /** The command line of a child JVM running neurocompress on this test's classpath. */
    private static List<String> java(List<String> jvm, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvm);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        return command;
    }
}
