package org.neurocompress.wav;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavMalformedTest {
    @TempDir
    Path dir;

    /** A WAV header with the given fmt fields and data size, followed by {@code dataBytes} bytes of samples. */
    private static byte[] wav(int formatTag, int channels, int rate, int blockAlign, int bits, int declaredData,
            int dataBytes) {
        ByteBuffer b = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + dataBytes).put("WAVEfmt ".getBytes()).putInt(16);
        b.putShort((short) formatTag).putShort((short) channels).putInt(rate).putInt(rate * blockAlign)
                .putShort((short) blockAlign).putShort((short) bits);
        b.put("data".getBytes()).putInt(declaredData);
        return b.array();
    }

    private String error(byte[] bytes) throws IOException {
        Path file = dir.resolve("bad.wav");
        Files.write(file, bytes);
        IOException e = assertThrows(WavFormatException.class, () -> WavReader.readAll(file));
        assertTrue(e.getMessage().startsWith(file.toString()), "message names the file: " + e.getMessage());
        return e.getMessage();
    }

    private void assertError(byte[] bytes, String expected) throws IOException {
        String message = error(bytes);
        assertTrue(message.contains(expected), "'" + message + "' lacks '" + expected + "'");
    }

    @Test
    void valid16BitPcmIsAccepted() throws Exception {
        Path file = dir.resolve("ok.wav");
        Files.write(file, wav(1, 2, 19531, 4, 16, 8, 8));
        assertEquals(2, WavReader.readAll(file)[0].length);
    }

    @Test
    void emptyFile() throws IOException {
        assertError(new byte[0], "empty file");
    }

    @Test
    void notRiff() throws IOException {
        assertError("OggS and then some more bytes".getBytes(), "not a WAV file (starts with 'OggS'");
    }

    @Test
    void riffButNotWave() throws IOException {
        byte[] b = wav(1, 1, 8000, 2, 16, 2, 2);
        System.arraycopy("AVI ".getBytes(), 0, b, 8, 4);
        assertError(b, "RIFF file of type 'AVI '");
    }

    @Test
    void otherBitDepths() throws IOException {
        assertError(wav(1, 1, 8000, 3, 24, 3, 3), "24-bit PCM is not supported: convert to 16-bit PCM");
        assertError(wav(1, 1, 8000, 1, 8, 1, 1), "8-bit PCM is not supported");
        assertError(wav(1, 1, 8000, 4, 32, 4, 4), "32-bit PCM is not supported");
    }

    @Test
    void otherEncodings() throws IOException {
        assertError(wav(3, 1, 8000, 4, 32, 4, 4), "32-bit floating-point samples are not supported");
        assertError(wav(7, 1, 8000, 1, 8, 1, 1), "mu-law encoded samples are not supported");
        assertError(wav(2, 1, 8000, 2, 4, 2, 2), "unsupported WAV encoding (format tag 0x2)");
    }

    @Test
    void brokenHeaderFields() throws IOException {
        assertError(wav(1, 0, 8000, 0, 16, 2, 2), "0 channels");
        assertError(wav(1, 2, 8000, 2, 16, 4, 4), "block align 2 for 2 channels");
        assertError(wav(1, 1, 0, 2, 16, 2, 2), "sample rate 0");
    }

    @Test
    void truncatedDataChunk() throws IOException {
        assertError(wav(1, 1, 8000, 2, 16, 1000, 10), "truncated: the data chunk declares 1000 bytes but the file "
                + "holds only 10");
    }

    @Test
    void truncatedHeader() throws IOException {
        assertError(Arrays.copyOf(wav(1, 1, 8000, 2, 16, 2, 2), 30), "truncated header");
    }

    @Test
    void dataNotAWholeNumberOfFrames() throws IOException {
        assertError(wav(1, 2, 8000, 4, 16, 6, 6), "data chunk of 6 bytes is not a whole number of 4-byte");
    }

    @Test
    void noSamples() throws IOException {
        assertError(wav(1, 1, 8000, 2, 16, 0, 0), "the data chunk holds no samples");
    }

    @Test
    void chunkLargerThanTheFile() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(28).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(20).put("WAVE".getBytes()).put("LIST".getBytes()).putInt(1 << 29);
        assertError(b.array(), "chunk 'LIST' declares 536870912 bytes, more than the file holds");
    }

    @Test
    void dataBeforeFormat() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(22).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(14).put("WAVE".getBytes()).put("data".getBytes()).putInt(2).putShort((short) 1);
        assertError(b.array(), "'data' chunk before any 'fmt ' chunk");
    }

    @Test
    void unknownChunksAreSkipped() throws Exception {
        byte[] plain = wav(1, 1, 8000, 2, 16, 4, 4);
        ByteBuffer b = ByteBuffer.allocate(plain.length + 14).order(ByteOrder.LITTLE_ENDIAN);
        b.put(plain, 0, 36).put("LIST".getBytes()).putInt(5).put(new byte[] {1, 2, 3, 4, 5, 0});
        b.put(plain, 36, plain.length - 36);
        Path file = dir.resolve("list.wav");
        Files.write(file, b.array());
        assertEquals(2, WavReader.readAll(file)[0].length);
    }
}
