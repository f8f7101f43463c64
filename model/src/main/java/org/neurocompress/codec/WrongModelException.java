package org.neurocompress.codec;

/** A frame encoded with a different model than the one loaded: decoding it would produce garbage. */
public final class WrongModelException extends CodecException {
    public WrongModelException(String codec, String frameFingerprint, String loadedFingerprint) {
        super("frame was encoded by " + codec + " model " + frameFingerprint + " but the loaded model is "
                + loadedFingerprint + ": decode it with the model it names");
    }
}
