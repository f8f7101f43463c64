package org.neurocompress.frame;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One compressed frame: {@code sampleCount} consecutive samples of one channel, starting at absolute sample index
 * {@code firstSampleIndex}, cut into segments of {@code segmentLength} samples (the last one may be shorter) and
 * encoded by one codec at one level into {@code payload}. The byte layout is in docs/formats.md.
 */
public record Frame(CodecId codec, int level, byte[] fingerprint, int channel, long firstSampleIndex, int sampleRate,
        int segmentLength, int sampleCount, byte[] payload) {

    public Frame {
        FrameLimits.check(level, fingerprint.length, channel, firstSampleIndex, sampleRate, segmentLength,
                sampleCount, payload.length);
    }

    public int segmentCount() {
        return (sampleCount + segmentLength - 1) / segmentLength;
    }

    public String fingerprintHex() {
        return fingerprint.length == 0 ? "none" : HexFormat.of().formatHex(fingerprint);
    }

    public long endSampleIndex() {
        return firstSampleIndex + sampleCount;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Frame f && codec == f.codec && level == f.level && channel == f.channel
                && firstSampleIndex == f.firstSampleIndex && sampleRate == f.sampleRate
                && segmentLength == f.segmentLength && sampleCount == f.sampleCount
                && Arrays.equals(fingerprint, f.fingerprint) && Arrays.equals(payload, f.payload);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(payload) * 31 + Long.hashCode(firstSampleIndex) * 17 + channel;
    }

    @Override
    public String toString() {
        return "Frame[" + codec.codecName() + " level " + level + ", channel " + channel + ", samples "
                + firstSampleIndex + ".." + endSampleIndex() + ", payload " + payload.length + " bytes]";
    }
}
