package org.neurocompress.codec.hybrid;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.neurocompress.codec.CodecLevel;
import org.neurocompress.codec.FrameEncoder;
import org.neurocompress.codec.learned.TrainingData;
import org.neurocompress.metrics.SpikeFidelity;
import org.neurocompress.synth.SyntheticElectrode;

/**
 * Learns each level's entropy priors: the training recordings are coded at that level, frame by frame as the codec
 * cuts them, starting every context at 1/2, and each context's prior is the mean logit of the probabilities the
 * frames end with. A context no frame reached keeps 1/2.
 */
class PriorLearner {
    /** Frames coded per level at most (evenly spread over the recordings); 0 for all of them. */
    private final int maxFramesPerLevel;

    PriorLearner() {
        this(0);
    }

    PriorLearner(int maxFramesPerLevel) {
        this.maxFramesPerLevel = maxFramesPerLevel;
    }

    float[][] learn(Waveforms waveforms, TrainingData data) {
        float[][] uniform = new float[HybridModel.LEVELS][HybridModel.PRIORS];
        HybridModel start = new HybridModel(waveforms, uniform, ShapeRanker.EXHAUSTIVE);
        float[][] logits = new float[HybridModel.LEVELS][];
        int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (CodecLevel level : HybridCodec.SPEC.levels()) {
                List<short[]> frames = frames(data, level.segmentsPerFrame() * HybridCodec.SEGMENT_LENGTH);
                List<Future<double[]>> parts = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int first = t;
                    parts.add(pool.submit(() -> sum(start, level, frames, first, threads)));
                }
                double[] total = new double[HybridModel.PRIORS + 1];
                for (Future<double[]> part : parts) {
                    double[] s = part.get();
                    for (int i = 0; i < total.length; i++) {
                        total[i] += s[i];
                    }
                }
                float[] mean = new float[HybridModel.PRIORS];
                for (int i = 0; i < mean.length; i++) {
                    mean[i] = total[HybridModel.PRIORS] == 0 ? 0 : (float) (total[i] / total[HybridModel.PRIORS]);
                }
                logits[level.level() - 1] = mean;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while learning priors", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("learning priors failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return logits;
    }

    /** Sums of the logits every context ends with over frames first, first + stride, ...; the frame count last. */
    private static double[] sum(HybridModel model, CodecLevel level, List<short[]> frames, int first, int stride) {
        HybridEncoder encoder = new HybridEncoder(model, SpikeFidelity.Filters.of(SyntheticElectrode.N1_SAMPLE_RATE));
        encoder.reportStates = true;
        double[] sum = new double[HybridModel.PRIORS + 1];
        for (int f = first; f < frames.size(); f += stride) {
            short[] frame = frames.get(f);
            int budget = FrameEncoder.payloadBudget(level, HybridCodec.FINGERPRINT_BYTES,
                    HybridCodec.SEGMENT_LENGTH, 0, 0, SyntheticElectrode.N1_SAMPLE_RATE, frame.length);
            HybridEncoder.Coded coded = encoder.encodeAll(List.of(frame), level.level(), new int[] {budget}).get(0);
            int i = 0;
            for (int p : coded.coefficientStates()) {
                sum[i++] += HybridModel.logit(p);
            }
            for (int p : coded.eventStates()) {
                sum[i++] += HybridModel.logit(p);
            }
            sum[HybridModel.PRIORS]++;
        }
        return sum;
    }

    /** The training recordings cut as the codec cuts a stream: whole frames of {@code length} samples. */
    private List<short[]> frames(TrainingData data, int length) {
        List<short[]> frames = new ArrayList<>();
        for (int r = 0; r < data.channelStarts().length; r++) {
            short[] channel = data.channel(r);
            for (int at = 0; at + length <= channel.length; at += length) {
                frames.add(java.util.Arrays.copyOfRange(channel, at, at + length));
            }
            if (channel.length < length) {
                frames.add(channel);
            }
        }
        if (maxFramesPerLevel > 0 && frames.size() > maxFramesPerLevel) {
            List<short[]> spread = new ArrayList<>(maxFramesPerLevel);
            for (int i = 0; i < maxFramesPerLevel; i++) {
                spread.add(frames.get((int) ((long) i * frames.size() / maxFramesPerLevel)));
            }
            return spread;
        }
        return frames;
    }
}
