package org.neurocompress.codec;

import org.neurocompress.codec.raw.RawCodec;
import org.neurocompress.frame.CodecId;

/** A stand-in for a learned codec: raw samples, but tied to a model fingerprint. */
final class TestModelCodec implements Codec {
    private final RawCodec raw = new RawCodec();
    private final byte[] fingerprint;

    TestModelCodec(byte[] fingerprint) {
        this.fingerprint = fingerprint;
    }

    @Override
    public CodecSpec spec() {
        return new CodecSpec(CodecId.VQCAE, raw.segmentLength(), raw.levels(), 1, true);
    }

    @Override
    public byte[] fingerprint() {
        return fingerprint.clone();
    }

    @Override
    public byte[] encode(short[] samples, int offset, int count, int level, int payloadBudget) {
        return raw.encode(samples, offset, count, level, payloadBudget);
    }

    @Override
    public short[] decode(byte[] payload, int sampleCount, int level) throws CodecException {
        return raw.decode(payload, sampleCount, level);
    }
}
