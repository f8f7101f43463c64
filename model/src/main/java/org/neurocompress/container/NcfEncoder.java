package org.neurocompress.container;

import java.io.IOException;
import java.nio.file.Path;
import org.neurocompress.codec.FrameEncoder;
import org.neurocompress.io.AtomicFile;
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
        return encode(wav, ncf, done -> { });
    }

    /**
     * Encodes {@code wav} into {@code ncf}, which appears only when complete (an existing file is replaced then,
     * and left as it was on failure); {@code progress} hears the sample frames encoded so far after every slot.
     */
    public Result encode(Path wav, Path ncf, java.util.function.LongConsumer progress) throws IOException {
        try (WavReader reader = WavReader.open(wav); AtomicFile output = AtomicFile.create(ncf, wav)) {
            WavFormat format = reader.format();
            NcfHeader header = new NcfHeader(format.channels(), format.sampleRate(), format.frames(),
                    encoder.codec().id(), encoder.level(), encoder.codec().fingerprint(),
                    encoder.codec().segmentLength(), samplesPerFrame);
            short[][] block = new short[format.channels()][samplesPerFrame];
            long frames = 0;
            long frameBytes;
            try (NcfWriter writer = new NcfWriter(output.temporary(), header)) {
                for (long slot = 0; slot < header.slots(); slot++) {
                    int length = reader.read(block, 0, header.slotLength(slot));
                    for (int c = 0; c < format.channels(); c++) {
                        writer.write(encoder.encode(c, header.slotStart(slot), format.sampleRate(), block[c], 0,
                                length));
                        frames++;
                    }
                    progress.accept(header.slotStart(slot) + length);
                }
                frameBytes = writer.frameBytes();
            }
            long fileBytes = java.nio.file.Files.size(output.temporary());
            output.commit();
            return new Result(format, frames, frameBytes, fileBytes);
        }
    }
}
