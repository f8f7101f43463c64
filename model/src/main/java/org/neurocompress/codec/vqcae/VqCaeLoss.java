package org.neurocompress.codec.vqcae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * The hybrid loss on normalised segments: MSE(CAE out, x) + alpha * (MSE(VQ out, x) + beta * commitment). The
 * codebook term of the paper's loss is replaced by the codebooks' moving-average updates ({@link CodebookTrainer}),
 * which the VQ-VAE authors give as the alternative that trains codebooks faster and more stably.
 */
final class VqCaeLoss extends Loss {
    private final float alpha;
    private final float beta;

    VqCaeLoss(float alpha, float beta) {
        super("vqcae-hybrid");
        this.alpha = alpha;
        this.beta = beta;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray refined = predictions.get(0);
        NDArray vq = predictions.get(1);
        NDArray x = predictions.get(2);
        NDArray commitment = predictions.get(3);
        return mse(refined, x).add(mse(vq, x).add(commitment.mul(beta)).mul(alpha));
    }

    private static NDArray mse(NDArray a, NDArray b) {
        return a.sub(b).square().mean();
    }
}
