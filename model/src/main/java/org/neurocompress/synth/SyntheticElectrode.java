package org.neurocompress.synth;

import java.util.SplittableRandom;

/**
 * A deterministic stand-in for one N1 electrode, for tests and the demo: a DC offset, a 1/f local field
 * potential, spikes of a few units with refractory periods, white noise, all passed through a 10-bit ADC whose
 * codes sit about 64 apart on the 16-bit scale. The same seed gives the same samples, chunk boundaries aside.
 */
public final class SyntheticElectrode {
    /** The N1's sample rate. */
    public static final int N1_SAMPLE_RATE = 19531;
    /** 16-bit units per ADC code: 65536 / 1024, slightly stretched so neighbouring codes are 64 or 65 apart. */
    private static final double ADC_STEP = 64.06;
    private static final int UNITS = 3;
    private static final int SPIKE_SAMPLES_AT_20KHZ = 30;

    private final SplittableRandom random;
    private final int sampleRate;
    private final double dcOffset;
    private final double lfpGain;
    private final double noiseStd;
    private final double[] pink = new double[7];
    private final Unit[] units = new Unit[UNITS];
    private double betaPhase;
    private final double betaStep;
    private final double betaAmplitude;

    /** One neuron near the electrode: a spike shape, a firing rate and a refractory period. */
    private static final class Unit {
        final double[] template;
        final double rateHz;
        final int refractory;
        int sinceLast = Integer.MAX_VALUE / 2;
        int playing = -1;

        Unit(double[] template, double rateHz, int refractory) {
            this.template = template;
            this.rateHz = rateHz;
            this.refractory = refractory;
        }
    }

    public SyntheticElectrode(long seed, int sampleRate) {
        if (sampleRate < 1000) {
            throw new IllegalArgumentException("sample rate must be at least 1000 Hz, got " + sampleRate);
        }
        this.random = new SplittableRandom(seed);
        this.sampleRate = sampleRate;
        this.dcOffset = (random.nextDouble() * 2 - 1) * 1500;
        this.lfpGain = 250 + random.nextDouble() * 900;
        this.noiseStd = 100 + random.nextDouble() * 200;
        this.betaStep = 2 * Math.PI * (13 + random.nextDouble() * 17) / sampleRate;
        this.betaAmplitude = random.nextDouble() * 400;
        int spikeSamples = Math.max(8, SPIKE_SAMPLES_AT_20KHZ * sampleRate / 20000);
        for (int u = 0; u < UNITS; u++) {
            double amplitude = 400 + random.nextDouble() * 2500;
            units[u] = new Unit(spikeTemplate(spikeSamples, amplitude), 2 + random.nextDouble() * 30,
                    Math.max(1, 2 * sampleRate / 1000));
        }
    }

    /** A biphasic extracellular spike: a sharp trough then a slower, smaller peak. */
    private double[] spikeTemplate(int length, double amplitude) {
        double[] t = new double[length];
        double troughAt = length * 0.25;
        double width = length * (0.05 + random.nextDouble() * 0.05);
        for (int i = 0; i < length; i++) {
            double trough = -Math.exp(-Math.pow((i - troughAt) / width, 2));
            double peak = 0.4 * Math.exp(-Math.pow((i - troughAt - 3 * width) / (2.5 * width), 2));
            t[i] = amplitude * (trough + peak);
        }
        return t;
    }

    public int sampleRate() {
        return sampleRate;
    }

    public short next() {
        double value = dcOffset + lfpGain * pinkNoise() + betaAmplitude * Math.sin(betaPhase)
                + noiseStd * random.nextGaussian(0, 1) + spikes();
        betaPhase += betaStep;
        if (betaPhase > 2 * Math.PI) {
            betaPhase -= 2 * Math.PI;
        }
        long code = Math.max(-512, Math.min(511, Math.round(value / ADC_STEP)));
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(code * ADC_STEP)));
    }

    public void fill(short[] out, int offset, int count) {
        for (int i = 0; i < count; i++) {
            out[offset + i] = next();
        }
    }

    public short[] samples(int count) {
        short[] out = new short[count];
        fill(out, 0, count);
        return out;
    }

    private double spikes() {
        double sum = 0;
        for (Unit unit : units) {
            unit.sinceLast++;
            if (unit.playing < 0 && unit.sinceLast > unit.refractory
                    && random.nextDouble() < unit.rateHz / sampleRate) {
                unit.playing = 0;
                unit.sinceLast = 0;
            }
            if (unit.playing >= 0) {
                sum += unit.template[unit.playing++];
                if (unit.playing == unit.template.length) {
                    unit.playing = -1;
                }
            }
        }
        return sum;
    }

    /** Paul Kellet's pink-noise filter: white noise shaped to a 1/f spectrum, unit-ish variance. */
    private double pinkNoise() {
        double white = random.nextGaussian(0, 1);
        pink[0] = 0.99886 * pink[0] + white * 0.0555179;
        pink[1] = 0.99332 * pink[1] + white * 0.0750759;
        pink[2] = 0.96900 * pink[2] + white * 0.1538520;
        pink[3] = 0.86650 * pink[3] + white * 0.3104856;
        pink[4] = 0.55000 * pink[4] + white * 0.5329522;
        pink[5] = -0.7616 * pink[5] - white * 0.0168980;
        double out = pink[0] + pink[1] + pink[2] + pink[3] + pink[4] + pink[5] + pink[6] + white * 0.5362;
        pink[6] = white * 0.115926;
        return out * 0.2;
    }
}
