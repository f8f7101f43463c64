package org.neurocompress.container;

import java.io.IOException;
import java.nio.file.Path;
import org.neurocompress.codec.Codec;
import org.neurocompress.codec.FrameDecoder;
import org.neurocompress.frame.Frame;
import org.neurocompress.wav.WavWriter;

/** Decodes an .ncf file back into a WAV recording with the codec (and model) its header names. */
public final class NcfDecoder {
    private NcfDecoder() {
    }

    /** Decodes {@code reader} (already open, header read) into {@code wav}; returns the sample frames written. */
    public static long decode(NcfReader reader, Codec codec, Path wav) throws IOException {
        NcfHeader header = reader.header();
        FrameDecoder decoder = new FrameDecoder(codec);
        short[][] block = new short[header.channels()][];
        long written = 0;
        try (WavWriter writer = new WavWriter(wav, header.channels(), header.sampleRate())) {
            for (long slot = 0; slot < header.slots(); slot++) {
                for (int c = 0; c < header.channels(); c++) {
                    Frame frame = reader.next();
                    block[c] = decoder.decode(frame);
                }
                writer.write(block, 0, header.slotLength(slot));
                written += header.slotLength(slot);
            }
            if (reader.next() != null) {
                throw new IllegalStateException("reader returned more frames than its header announces");
            }
        }
        return written;
    }
}
