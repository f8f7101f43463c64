package org.neurocompress.kafka.consume;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.neurocompress.codec.CodecException;
import org.neurocompress.codec.FrameDecoder;
import org.neurocompress.codec.FrameEncoder;
import org.neurocompress.codec.vqcae.VqCaeCodec;
import org.neurocompress.frame.Frame;
import org.neurocompress.synth.SyntheticElectrode;

class CodecCatalogTest {
    private final short[] samples = new SyntheticElectrode(3, 19531).samples(4096);

    @Test
    void framesOfTheShippedModelDecodeWithoutNamingAModel() throws Exception {
        try (VqCaeCodec shipped = VqCaeCodec.open(Optional.empty())) {
            Frame frame = new FrameEncoder(shipped, 4).encode(0, 0, 19531, samples, 0, samples.length);
            short[] expected = new FrameDecoder(shipped).decode(frame);
            assertArrayEquals(expected, new CodecCatalog(List.of()).decoderFor(frame).decode(frame));
        }
    }

    @Test
    void anUnknownModelIsRefusedByBothFingerprintsAndOnlyLookedUpOnce() throws Exception {
        try (VqCaeCodec shipped = VqCaeCodec.open(Optional.empty())) {
            Frame ours = new FrameEncoder(shipped, 4).encode(0, 0, 19531, samples, 0, samples.length);
            byte[] otherFingerprint = ours.fingerprint().clone();
            otherFingerprint[0] ^= 1;
            Frame foreign = new Frame(ours.codec(), ours.level(), otherFingerprint, ours.channel(),
                    ours.firstSampleIndex(), ours.sampleRate(), ours.segmentLength(), ours.sampleCount(),
                    ours.payload());
            CodecCatalog catalog = new CodecCatalog(List.of());
            CodecException first = assertThrows(CodecException.class, () -> catalog.decoderFor(foreign));
            assertTrue(first.getMessage().contains(foreign.fingerprintHex())
                    && first.getMessage().contains(ours.fingerprintHex()), first.getMessage());
            assertSame(first, assertThrows(CodecException.class, () -> catalog.decoderFor(foreign)));
        }
    }
}
