package org.neurocompress.codec.learned;

import java.nio.file.Path;
import java.util.Optional;
import org.neurocompress.codec.Codec;
import org.neurocompress.codec.Codecs;
import org.neurocompress.container.NcfDecoder;
import org.neurocompress.container.NcfReader;

/** Decodes each .ncf file named after the output folder into OUT/name.wav: {@link NativeKernelsTest}'s child. */
public final class DecodeInChildJvm {
    private DecodeInChildJvm() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        for (int i = 1; i < args.length; i++) {
            Path ncf = Path.of(args[i]);
            try (NcfReader reader = NcfReader.open(ncf);
                    Codec codec = Codecs.create(reader.header().codec(), Optional.empty())) {
                NcfDecoder.decode(reader, codec, out.resolve(ncf.getFileName() + ".wav"));
            }
        }
    }
}
