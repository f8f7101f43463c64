package org.neurocompress.codec.hybrid;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.training.loss.Loss;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neurocompress.codec.learned.Preset;
import org.neurocompress.codec.learned.TrainingData;
import org.neurocompress.metrics.SpikeFidelity;
import org.neurocompress.synth.SyntheticElectrode;

/**
 * The default codec's recipe. The network learns from the spikes of the training recordings (every threshold
 * crossing of the band-passed signal, as the spike-fidelity metric finds them): the hybrid loss of the original
 * VQ-CAE with alpha = 1 and commitment 0.25, Adam at 1e-3, batches of 256. After the last epoch it stores the
 * waveforms and learns the entropy priors by coding the recordings at every level.
 */
public final class HybridPreset implements Preset {
    static final float ALPHA = 1f;
    static final float COMMITMENT = 0.25f;
    private static final long SEED = 1;

    @Override
    public String name() {
        return "hybrid";
    }

    @Override
    public int segmentLength() {
        return HybridCodec.SEGMENT_LENGTH;
    }

    @Override
    public int exampleLength() {
        return HybridNetwork.EXAMPLE;
    }

    @Override
    public Block newNetwork() {
        return new HybridNetwork(SEED);
    }

    /**
     * One example per spike: the unit-norm band-passed window the encoder will see, then the unit-norm waveform above
     * 300 Hz (the recording less its zero-phase low-pass) that the decoder should produce.
     */
    @Override
    public float[][] examples(TrainingData data) {
        SpikeFidelity.Filters filters = SpikeFidelity.Filters.of(SyntheticElectrode.N1_SAMPLE_RATE);
        List<float[]> examples = new ArrayList<>();
        for (int r = 0; r < data.channelStarts().length; r++) {
            short[] channel = data.channel(r);
            double[] x = new double[channel.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = channel[i];
            }
            if (x.length <= 3 * filters.spikeBand().padLength()) {
                continue;
            }
            double[] banded = filters.spikeBand().filtfilt(x);
            double[] low = filters.lfpBand().filtfilt(x);
            double threshold = SpikeFidelity.threshold(banded, 0, banded.length);
            for (int t : SpikeFidelity.crossings(banded, threshold, filters.refractory())) {
                int from = t - Waveforms.BEFORE;
                if (from < 0 || from + Waveforms.LENGTH > x.length) {
                    continue;
                }
                float[] example = new float[HybridNetwork.EXAMPLE];
                double[] window = new double[Waveforms.LENGTH];
                double[] wave = new double[Waveforms.LENGTH];
                for (int j = 0; j < Waveforms.LENGTH; j++) {
                    window[j] = banded[from + j];
                    wave[j] = x[from + j] - low[from + j];
                }
                normalise(window, example, 0);
                normalise(wave, example, Waveforms.LENGTH);
                examples.add(example);
            }
        }
        return examples.toArray(float[][]::new);
    }

    /** Writes {@code v} / |v| into {@code out} from {@code at}; returns false for a zero vector. */
    static boolean normalise(double[] v, float[] out, int at) {
        double norm = 0;
        for (double d : v) {
            norm += d * d;
        }
        norm = Math.sqrt(norm);
        for (int j = 0; j < v.length; j++) {
            out[at + j] = norm == 0 ? 0 : (float) (v[j] / norm);
        }
        return norm > 0;
    }

    @Override
    public Loss loss() {
        return new Loss("hybrid-vq-cae") {
            @Override
            public NDArray evaluate(NDList labels, NDList predictions) {
                NDArray refined = predictions.get(0);
                NDArray vq = predictions.get(1);
                NDArray ze = predictions.get(2);
                NDArray zq = predictions.get(3);
                NDArray target = predictions.get(4);
                NDArray vqLoss = mse(vq, target).add(mse(zq, ze.stopGradient()))
                        .add(mse(ze, zq.stopGradient()).mul(COMMITMENT));
                return mse(refined, target).add(vqLoss.mul(ALPHA));
            }
        };
    }

    private static NDArray mse(NDArray a, NDArray b) {
        return a.sub(b).square().mean();
    }

    @Override
    public int batchSize() {
        return 256;
    }

    @Override
    public float learningRate() {
        return 1e-3f;
    }

    @Override
    public int defaultEpochs() {
        return 40;
    }

    @Override
    public Map<String, Object> normalisation() {
        return Map.of("spike_windows", "unit norm; the background is coded in the recording's own units");
    }

    @Override
    public Map<String, Object> hyperparameters() {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("segment_length", HybridCodec.SEGMENT_LENGTH);
        h.put("background", "DCT-II of 1024-sample segments, step 2^(s/16), RDO quantisation (lambda "
                + CoefficientCoder.LAMBDA + " step^2/bit), context-adaptive binary range coding from learned priors");
        h.put("spike_window", Waveforms.LENGTH + " samples, crossing at sample " + Waveforms.BEFORE);
        h.put("encoder", "Linear(32,64)-ReLU-Linear(64,64)-ReLU-Linear(64," + HybridNetwork.LATENT + ")");
        h.put("codebook", Waveforms.COUNT + " x " + HybridNetwork.LATENT + ", nearest code, straight-through, "
                + "started at encoder outputs");
        h.put("decoder", "Linear(8,64)-ReLU-Linear(64,64)-ReLU-Linear(64,32)");
        h.put("cae", "residual: Conv1d(1,8,k5)-ReLU-Conv1d(8,1,k5)");
        h.put("alpha", ALPHA);
        h.put("commitment_cost", COMMITMENT);
        h.put("optimizer", "adam");
        h.put("learning_rate", learningRate());
        h.put("batch_size", batchSize());
        h.put("payload_version", HybridCodec.PAYLOAD_VERSION);
        return h;
    }
}
