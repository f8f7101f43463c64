package org.neurocompress.codec;

import java.util.Arrays;
import java.util.HexFormat;
import org.neurocompress.frame.Frame;

/** Decodes frames with one codec, after checking that the frame was made by that codec and model. */
public final class FrameDecoder {
    private final Codec codec;

    public FrameDecoder(Codec codec) {
        this.codec = codec;
    }

    public short[] decode(Frame frame) throws CodecException {
        if (frame.codec() != codec.id()) {
            throw new CodecException("frame was encoded by codec '" + frame.codec().codecName()
                    + "' but this decoder is '" + codec.name() + "'");
        }
        if (!Arrays.equals(frame.fingerprint(), codec.fingerprint())) {
            throw new WrongModelException(codec.name(), frame.fingerprintHex(), fingerprintHex(codec.fingerprint()));
        }
        if (frame.segmentLength() != codec.segmentLength()) {
            throw new CodecException("frame has segment length " + frame.segmentLength() + " but codec '"
                    + codec.name() + "' uses " + codec.segmentLength());
        }
        if (frame.level() > codec.levels().size()) {
            throw new CodecException("frame has level " + frame.level() + " but codec '" + codec.name()
                    + "' has levels 1.." + codec.levels().size());
        }
        short[] samples = codec.decode(frame.payload(), frame.sampleCount(), frame.level());
        if (samples.length != frame.sampleCount()) {
            throw new IllegalStateException(codec.name() + " decoded " + samples.length + " samples, frame holds "
                    + frame.sampleCount());
        }
        return samples;
    }

    public static String fingerprintHex(byte[] fingerprint) {
        return fingerprint.length == 0 ? "none" : HexFormat.of().formatHex(fingerprint);
    }
}
