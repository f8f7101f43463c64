package org.neurocompress.codec;

import java.util.List;
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
    public CodecId id() {
        return CodecId.VQCAE;
    }

    @Override
    public int segmentLength() {
        return raw.segmentLength();
    }

    @Override
    public List<CodecLevel> levels() {
        return raw.levels();
    }

    @Override
    public int defaultLevel() {
        return 1;
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
