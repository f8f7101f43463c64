package org.neurocompress.kafka.consume;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.neurocompress.codec.Codec;
import org.neurocompress.codec.CodecException;
import org.neurocompress.codec.Codecs;
import org.neurocompress.codec.FrameDecoder;
import org.neurocompress.frame.Frame;

/**
 * Finds the codec a frame needs: model-free codecs by name, learned ones by the model fingerprint the frame
 * carries, among the model folders the user named and then the model shipped in the jar. Codecs are created once
 * and reused; so is the refusal of a model that is not available, so a stream of such frames loads nothing twice.
 */
public final class CodecCatalog {
    private final List<Path> modelDirs;
    private final Map<String, Codec> byKey = new HashMap<>();
    private final Map<String, CodecException> unavailable = new HashMap<>();

    public CodecCatalog(List<Path> modelDirs) {
        this.modelDirs = List.copyOf(modelDirs);
    }

    public FrameDecoder decoderFor(Frame frame) throws IOException {
        String key = frame.codec().codecName() + "/" + frame.fingerprintHex();
        if (unavailable.containsKey(key)) {
            throw unavailable.get(key);
        }
        Codec codec = byKey.get(key);
        if (codec == null) {
            try {
                codec = find(frame);
            } catch (CodecException e) {
                unavailable.put(key, e);
                throw e;
            }
            byKey.put(key, codec);
        }
        return new FrameDecoder(codec);
    }

    private Codec find(Frame frame) throws IOException {
        if (frame.fingerprint().length == 0) {
            return Codecs.create(frame.codec(), Optional.empty());
        }
        List<String> loaded = new ArrayList<>();
        List<Optional<Path>> candidates = new ArrayList<>();
        modelDirs.forEach(dir -> candidates.add(Optional.of(dir)));
        candidates.add(Optional.empty()); // the model shipped in the jar, last: a --model given wins
        for (Optional<Path> dir : candidates) {
            Codec candidate;
            try {
                candidate = Codecs.create(frame.codec(), dir);
            } catch (IOException | IllegalArgumentException e) {
                continue;
            }
            if (Arrays.equals(candidate.fingerprint(), frame.fingerprint())) {
                return candidate;
            }
            loaded.add(dir.map(Path::toString).orElse("shipped") + " = "
                    + FrameDecoder.fingerprintHex(candidate.fingerprint()));
            candidate.close();
        }
        throw new CodecException("frame names " + frame.codec().codecName() + " model " + frame.fingerprintHex()
                + ", which is not available (" + (loaded.isEmpty() ? "no model of that codec" : "have: "
                + String.join(", ", loaded)) + "): pass --model DIR of that model");
    }
}
