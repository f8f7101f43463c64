package org.neurocompress.frame;

/** Constants of frame format v1 (docs/formats.md). */
public final class FrameFormat {
    /** "NF": neurocompress frame. */
    public static final int MAGIC_0 = 'N';
    public static final int MAGIC_1 = 'F';
    public static final int VERSION = 1;
    public static final int CHECKSUM_BYTES = 4;

    private FrameFormat() {
    }
}
