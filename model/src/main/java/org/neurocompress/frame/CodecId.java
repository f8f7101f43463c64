package org.neurocompress.frame;

import java.util.Arrays;

/** The codec identifiers that frame format v1 knows; a frame naming any other is rejected. */
public enum CodecId {
    RAW(1, "raw"),
    DCT(2, "dct"),
    PAPER(3, "paper"),
    VQCAE(4, "vqcae"),
    HYBRID(5, "hybrid"),
    LOSSLESS(6, "lossless"),
    NEAR_LOSSLESS(7, "near-lossless");

    private final int code;
    private final String codecName;

    CodecId(int code, String codecName) {
        this.code = code;
        this.codecName = codecName;
    }

    public int code() {
        return code;
    }

    public String codecName() {
        return codecName;
    }

    public static CodecId ofCode(int code) throws FrameFormatException {
        for (CodecId id : values()) {
            if (id.code == code) {
                return id;
            }
        }
        throw new FrameFormatException("unknown codec id " + code + " (known: " + Arrays.toString(values()) + ")");
    }

    @Override
    public String toString() {
        return codecName + "=" + code;
    }
}
