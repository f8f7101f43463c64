package org.neurocompress.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.neurocompress.wav.WavFormat;
import org.neurocompress.wav.WavReader;

/** Expands the files and folders a user names into the WAV files they hold, in a stable order. */
public final class Inputs {
    private Inputs() {
    }

    /** Every channel with samples of the recordings a user names, at their one sample rate. */
    public record Recordings(List<short[]> channels, int sampleRate, int files) {
        public String description() {
            return files + " recording(s), " + channels.size() + " channel(s)";
        }
    }

    /**
     * Reads every channel of every WAV file under {@code inputs} (replay and the benchmarks loop over them); they
     * must share one sample rate, and channels without samples are left out.
     */
    public static Recordings readRecordings(List<Path> inputs) throws IOException {
        List<Path> files = wavFiles(inputs);
        List<short[]> channels = new ArrayList<>();
        int rate = -1;
        for (Path file : files) {
            WavFormat format;
            try (WavReader reader = WavReader.open(file)) {
                format = reader.format();
            }
            if (rate >= 0 && format.sampleRate() != rate) {
                throw new IOException(file + " is sampled at " + format.sampleRate() + " Hz but " + files.get(0)
                        + " at " + rate + " Hz: one sample rate at a time");
            }
            rate = format.sampleRate();
            for (short[] channel : WavReader.readAll(file)) {
                if (channel.length > 0) {
                    channels.add(channel);
                }
            }
        }
        if (channels.isEmpty()) {
            throw new IOException("the recordings in " + inputs + " hold no samples");
        }
        return new Recordings(channels, rate, files.size());
    }

    public static List<Path> wavFiles(List<Path> inputs) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                try (Stream<Path> walk = Files.walk(input)) {
                    walk.filter(Files::isRegularFile)
                            .filter(p -> p.getFileName().toString().toLowerCase().endsWith(".wav"))
                            .sorted()
                            .forEach(files::add);
                }
            } else if (Files.isRegularFile(input)) {
                files.add(input);
            } else {
                throw new NoSuchFileException(input.toString(), null, "no such file or folder");
            }
        }
        if (files.isEmpty()) {
            throw new IOException("no .wav files in " + inputs);
        }
        return files;
    }
}
