package org.neurocompress.container;

import java.io.IOException;
import java.nio.file.Path;
import org.neurocompress.codec.FrameEncoder;
import org.neurocompress.wav.WavFormat;
import org.neurocompress.wav.WavReader;

/** Compresses a WAV recording into an .ncf file, a frame slot at a time, in memory bounded by one slot. */
public final class NcfEncoder {
    private final FrameEncoder encoder;
    private final int samplesPerFrame;

    public NcfEncoder(FrameEncoder encoder, int samplesPerFrame) {
        if (samplesPerFrame < 1 || samplesPerFrame % encoder.codec().segmentLength() != 0) {
            throw new IllegalArgumentException("samples per frame must be a positive multiple of the segment length "
                    + encoder.codec().segmentLength() + ", got " + samplesPerFrame);
        }
        this.encoder = encoder;
        this.samplesPerFrame = samplesPerFrame;
    }

    /** What an encoding produced. */
    public record Result(WavFormat input, long frames, long frameBytes, long fileBytes) {
    }

    public Result encode(Path wav, Path ncf) throws IOException {
        try (WavReader reader = WavReader.open(wav)) {
            WavFormat format = reader.format();
            NcfHeader header = new NcfHeader(format.channels(), format.sampleRate(), format.frames(),
                    encoder.codec().id(), encoder.level(), encoder.codec().fingerprint(),
                    encoder.codec().segmentLength(), samplesPerFrame);
            short[][] block = new short[format.channels()][samplesPerFrame];
            long frames = 0;
            long frameBytes;
            try (NcfWriter writer = new NcfWriter(ncf, header)) {
                for (long slot = 0; slot < header.slots(); slot++) {
                    int length = reader.read(block, 0, header.slotLength(slot));
                    for (int c = 0; c < format.channels(); c++) {
                        writer.write(encoder.encode(c, header.slotStart(slot), format.sampleRate(), block[c], 0,
                                length));
                        frames++;
                    }
                }
                frameBytes = writer.frameBytes();
            }
            return new Result(format, frames, frameBytes, java.nio.file.Files.size(ncf));
        }
    }
}
