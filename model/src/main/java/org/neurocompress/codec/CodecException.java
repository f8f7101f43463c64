package org.neurocompress.codec;

import java.io.IOException;

/** A payload a codec cannot decode, or a request it cannot serve; the message says why. */
public class CodecException extends IOException {
    public CodecException(String message) {
        super(message);
    }
}
