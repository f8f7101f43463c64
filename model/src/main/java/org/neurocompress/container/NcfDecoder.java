package org.neurocompress.container;

import java.io.IOException;
import java.nio.file.Path;
import org.neurocompress.codec.Codec;
import org.neurocompress.codec.FrameDecoder;
import org.neurocompress.frame.Frame;
import org.neurocompress.io.AtomicFile;
import org.neurocompress.wav.WavWriter;

/** Decodes an .ncf file back into a WAV recording with the codec (and model) its header names. */
public final class NcfDecoder {
    private NcfDecoder() {
    }

    /** A WAV file holds at most this many bytes of samples (its sizes are 32-bit). */
    public static final long MAX_WAV_DATA_BYTES = 0xFFFFFFFFL - 36;

    /** Decodes {@code reader} (already open, header read) into {@code wav}; returns the sample frames written. */
    public static long decode(NcfReader reader, Codec codec, Path wav) throws IOException {
        return decode(reader, codec, wav, done -> { });
    }

    /**
     * The same, {@code wav} appearing only when complete (an existing file is replaced then, and left as it was on
     * failure); {@code progress} hears the sample frames decoded so far after every slot. A recording whose samples
     * would not fit in a WAV file is refused before anything is decoded.
     */
    public static long decode(NcfReader reader, Codec codec, Path wav, java.util.function.LongConsumer progress)
            throws IOException {
        NcfHeader header = reader.header();
        long bytes = 2L * header.channels() * header.samplesPerChannel();
        if (bytes > MAX_WAV_DATA_BYTES) {
            throw new IOException(String.format("%d channels x %d samples decode to %d MiB, more than a WAV file "
                    + "holds (4 GiB)", header.channels(), header.samplesPerChannel(), bytes >> 20));
        }
        FrameDecoder decoder = new FrameDecoder(codec);
        short[][] block = new short[header.channels()][];
        long written = 0;
        try (AtomicFile output = AtomicFile.create(wav);
                WavWriter writer = new WavWriter(output.temporary(), header.channels(), header.sampleRate())) {
            for (long slot = 0; slot < header.slots(); slot++) {
                for (int c = 0; c < header.channels(); c++) {
                    Frame frame = reader.next();
                    block[c] = decoder.decode(frame);
                }
                writer.write(block, 0, header.slotLength(slot));
                written += header.slotLength(slot);
                progress.accept(written);
            }
            if (reader.next() != null) {
                throw new IllegalStateException("reader returned more frames than its header announces");
            }
            writer.close();
            output.commit();
        }
        return written;
    }
}
