package org.neurocompress.codec.raw;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.neurocompress.codec.Codec;
import org.neurocompress.codec.CodecException;
import org.neurocompress.codec.CodecLevel;
import org.neurocompress.codec.CodecSpec;
import org.neurocompress.frame.CodecId;

/** 16-bit little-endian passthrough: exact, and the reference every ratio is measured against. */
public final class RawCodec implements Codec {
    public static final int SEGMENT_LENGTH = 1024;
    public static final CodecSpec SPEC = new CodecSpec(CodecId.RAW, SEGMENT_LENGTH, List.of(new CodecLevel(1, 1.0, 4)),
            1, false);

    @Override
    public CodecSpec spec() {
        return SPEC;
    }

    @Override
    public byte[] fingerprint() {
        return new byte[0];
    }

    @Override
    public byte[] encode(short[] samples, int offset, int count, int level, int payloadBudget) {
        byte[] out = new byte[2 * count];
        // A bulk copy (a plain one on little-endian machines), not a loop of byte stores.
        ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().put(samples, offset, count);
        return out;
    }

    @Override
    public short[] decode(byte[] payload, int sampleCount, int level) throws CodecException {
        if (payload.length != 2 * sampleCount) {
            throw new CodecException("raw payload of " + payload.length + " bytes for " + sampleCount
                    + " samples (expected " + 2 * sampleCount + ")");
        }
        short[] out = new short[sampleCount];
        ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(out);
        return out;
    }
}
