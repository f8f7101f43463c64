package org.neurocompress.synth;

import java.io.IOException;
import java.nio.file.Path;
import org.neurocompress.io.AtomicFile;
import org.neurocompress.wav.WavWriter;

/** Writes a multi-channel WAV of synthetic electrodes, one independent seed per channel. */
public final class SyntheticRecording {
    private static final int CHUNK = 8192;

    private SyntheticRecording() {
    }

    /** The seed of channel {@code channel} in a recording made with {@code seed}. */
    public static long channelSeed(long seed, int channel) {
        return seed * 1_000_003L + channel;
    }

    public static void write(Path path, int channels, long samplesPerChannel, int sampleRate, long seed)
            throws IOException {
        SyntheticElectrode[] electrodes = new SyntheticElectrode[channels];
        for (int c = 0; c < channels; c++) {
            electrodes[c] = new SyntheticElectrode(channelSeed(seed, c), sampleRate);
        }
        short[][] block = new short[channels][CHUNK];
        try (AtomicFile output = AtomicFile.create(path);
                WavWriter writer = new WavWriter(output.temporary(), channels, sampleRate)) {
            for (long done = 0; done < samplesPerChannel; done += CHUNK) {
                int n = (int) Math.min(CHUNK, samplesPerChannel - done);
                for (int c = 0; c < channels; c++) {
                    electrodes[c].fill(block[c], 0, n);
                }
                writer.write(block, 0, n);
            }
            writer.close();
            output.commit();
        }
    }
}
