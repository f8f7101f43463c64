package org.neurocompress.frame;

import java.io.IOException;

/** Bytes that are not a valid frame or container; the message names the field and what is wrong with it. */
public class FrameFormatException extends IOException {
    public FrameFormatException(String message) {
        super(message);
    }
}
