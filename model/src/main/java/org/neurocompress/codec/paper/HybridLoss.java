package org.neurocompress.codec.paper;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * The VQ-CAE hybrid loss: MSE(CAE out, x) + alpha * (MSE(VQ out, x) + codebook loss + beta * commitment loss),
 * codebook loss = MSE(z_q, sg(z_e)), commitment loss = MSE(z_e, sg(z_q)), sg = stop-gradient.
 */
public final class HybridLoss extends Loss {
    private final float alpha;
    private final float beta;

    public HybridLoss(float alpha, float beta) {
        super("hybrid");
        this.alpha = alpha;
        this.beta = beta;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray x = labels.singletonOrThrow();
        NDArray refined = predictions.get(0);
        NDArray vq = predictions.get(1);
        NDArray ze = predictions.get(2);
        NDArray zq = predictions.get(3);
        NDArray vqLoss = mse(vq, x).add(mse(zq, ze.stopGradient())).add(mse(ze, zq.stopGradient()).mul(beta));
        return mse(refined, x).add(vqLoss.mul(alpha));
    }

    private static NDArray mse(NDArray a, NDArray b) {
        return a.sub(b).square().mean();
    }
}
