package org.neurocompress.container;

import java.util.HexFormat;
import org.neurocompress.frame.CodecId;

/**
 * The header of an .ncf file (docs/formats.md): what the recording was and how it was cut into frames. Frame
 * slot t covers samples [t * samplesPerFrame, min((t + 1) * samplesPerFrame, samplesPerChannel)) of every channel,
 * and its frames follow in channel order.
 */
public record NcfHeader(int channels, int sampleRate, long samplesPerChannel, CodecId codec, int level,
        byte[] fingerprint, int segmentLength, int samplesPerFrame) {

    public long slots() {
        return (samplesPerChannel + samplesPerFrame - 1) / samplesPerFrame;
    }

    public long frames() {
        return slots() * channels;
    }

    public long slotStart(long slot) {
        return slot * samplesPerFrame;
    }

    public int slotLength(long slot) {
        return (int) Math.min(samplesPerFrame, samplesPerChannel - slotStart(slot));
    }

    public String fingerprintHex() {
        return fingerprint.length == 0 ? "none" : HexFormat.of().formatHex(fingerprint);
    }
}
