package org.neurocompress.codec.learned;

import java.util.Arrays;
import java.util.List;
import org.neurocompress.codec.Codec;
import org.neurocompress.codec.CodecException;

/**
 * What every learned codec shares: a model whose fingerprint its frames carry, one run encoded through the batched
 * path (so a frame does not depend on how it was batched), and the model's native memory freed on close.
 */
public abstract class LearnedCodec implements Codec {
    protected final LearnedModel model;

    protected LearnedCodec(LearnedModel model) {
        this.model = model;
    }

    /** What frames carry to name the model: its fingerprint, or the first {@link #fingerprintBytes()} of it. */
    @Override
    public final byte[] fingerprint() {
        return Arrays.copyOf(model.fingerprint(), Math.min(fingerprintBytes(), model.fingerprint().length));
    }

    /** How many bytes of the model's fingerprint frames carry: all 8 unless a codec needs its frames smaller. */
    protected int fingerprintBytes() {
        return 8;
    }

    @Override
    public final byte[] encode(short[] samples, int offset, int count, int level, int payloadBudget) {
        return encodeBatch(List.of(Arrays.copyOfRange(samples, offset, offset + count)), level,
                new int[] {payloadBudget}).get(0);
    }

    /** All segments of all runs in one inference call, whose native memory is freed after it. */
    @Override
    public abstract List<byte[]> encodeBatch(List<short[]> runs, int level, int[] payloadBudgets);

    /**
     * Refuses a decoder output that is not finite: rounded to samples it would pass for silence. Weights are checked
     * when they load, so this is a native kernel gone wrong (README, "Native libraries").
     */
    protected final void requireFinite(float[] decoded) throws CodecException {
        for (float v : decoded) {
            if (!Float.isFinite(v)) {
                throw new CodecException(name() + ": the decoder network produced " + v + " on this machine's PyTorch"
                        + " kernels; run with " + String.join(" ", Djl.NATIVE_SETTINGS.entrySet().stream()
                                .map(e -> e.getKey() + "=" + e.getValue()).toList()));
            }
        }
    }

    /** For tests: native arrays alive in the model, which must not grow from call to call. */
    public int liveArrays() {
        return model.liveArrays();
    }

    @Override
    public void close() {
        model.close();
    }
}
