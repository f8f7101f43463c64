package org.neurocompress.wav;

import java.io.IOException;

/** A WAV file that this reader cannot or will not read; the message names the problem. */
public final class WavFormatException extends IOException {
    public WavFormatException(String message) {
        super(message);
    }
}
