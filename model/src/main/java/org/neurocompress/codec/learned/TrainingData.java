package org.neurocompress.codec.learned;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.neurocompress.eval.Inputs;
import org.neurocompress.metrics.QualityAccumulator;
import org.neurocompress.wav.WavReader;

/**
 * Training segments: every channel of every WAV file, cut into consecutive segments of the preset's length and
 * normalised to [-1, 1). A file that cannot be read is skipped and named; a folder with no usable recording is an
 * error.
 *
 * @param channelStarts the index of each channel's first segment: segments from one start to the next are
 *        consecutive in time
 */
public record TrainingData(float[][] segments, int files, List<String> skipped, String source, int[] channelStarts) {

    public static TrainingData load(Path folder, int segmentLength, Consumer<String> warnings) throws IOException {
        List<Path> files;
        try {
            files = Inputs.wavFiles(List.of(folder));
        } catch (IOException e) {
            throw new IOException("no usable recordings in " + folder + ": " + e.getMessage());
        }
        List<float[]> segments = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        int used = 0;
        for (Path file : files) {
            short[][] channels;
            try {
                channels = WavReader.readAll(file);
            } catch (IOException e) {
                skipped.add(e.getMessage());
                warnings.accept("skipped " + e.getMessage());
                continue;
            }
            used++;
            for (short[] channel : channels) {
                if (channel.length >= segmentLength) {
                    starts.add(segments.size());
                }
                for (int at = 0; at + segmentLength <= channel.length; at += segmentLength) {
                    float[] segment = new float[segmentLength];
                    for (int i = 0; i < segmentLength; i++) {
                        segment[i] = (float) (channel[at + i] / QualityAccumulator.FULL_SCALE);
                    }
                    segments.add(segment);
                }
            }
        }
        if (segments.isEmpty()) {
            throw new IOException("no usable recordings in " + folder + ": " + files.size() + " file(s), "
                    + skipped.size() + " unreadable, none with a whole " + segmentLength + "-sample segment");
        }
        return new TrainingData(segments.toArray(float[][]::new), used, List.copyOf(skipped), folder.toString(),
                starts.stream().mapToInt(Integer::intValue).toArray());
    }

    /** The samples of channel run {@code r} (segments channelStarts[r] up to the next start), back as 16-bit values. */
    public short[] channel(int r) {
        int from = channelStarts[r];
        int to = r + 1 < channelStarts.length ? channelStarts[r + 1] : segments.length;
        int length = segments[from].length;
        short[] samples = new short[(to - from) * length];
        for (int s = from; s < to; s++) {
            for (int i = 0; i < length; i++) {
                // Exact: a 16-bit value divided by 2^15 is a float with room to spare.
                samples[(s - from) * length + i] = (short) Math.round(segments[s][i] * QualityAccumulator.FULL_SCALE);
            }
        }
        return samples;
    }
}
