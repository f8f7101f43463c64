package org.neurocompress.codec.learned;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * A network's weights in parameter order (docs/formats.md, "weights.ncw"): float16 for shipped models (half the
 * bytes of float32, which a codec whose output is quantised to 16-bit samples does not miss), float32 for training
 * checkpoints. Its fingerprint, the first 8 bytes of the file's SHA-256, is what frames carry to name the model.
 */
public final class WeightsFile {
    private static final byte[] MAGIC = {'N', 'C', 'W'};
    public static final int VERSION = 1;
    private static final int MAX_PARAMETERS = 4096;
    private static final int MAX_NAME = 256;
    private static final int MAX_DIMENSIONS = 8;
    private static final long MAX_VALUES = 1L << 28;

    private WeightsFile() {
    }

    private static final int FLOAT16 = 0;
    private static final int FLOAT32 = 1;

    /** Serialises every parameter of {@code block}, rounded to float16 when {@code half}. */
    public static byte[] toBytes(Block block, boolean half) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        List<Pair<String, Parameter>> parameters = block.getParameters().stream().toList();
        out.write(MAGIC);
        out.write(VERSION);
        out.write(half ? FLOAT16 : FLOAT32);
        out.writeInt(parameters.size());
        for (Pair<String, Parameter> p : parameters) {
            byte[] name = p.getKey().getBytes(StandardCharsets.UTF_8);
            out.writeShort(name.length);
            out.write(name);
            Shape shape = p.getValue().getArray().getShape();
            out.writeByte(shape.dimension());
            for (long d : shape.getShape()) {
                out.writeLong(d);
            }
            float[] values = p.getValue().getArray().toFloatArray();
            int broken = firstNonFinite(values);
            if (broken >= 0) {
                throw new IOException("parameter " + p.getKey() + " holds " + values[broken] + " at index " + broken
                        + ": weights that are not finite are never written");
            }
            ByteBuffer data = ByteBuffer.allocate((half ? 2 : 4) * values.length).order(ByteOrder.LITTLE_ENDIAN);
            for (float v : values) {
                if (half) {
                    short h = Half.fromFloat(v);
                    if (!Float.isFinite(Half.toFloat(h))) {
                        throw new IOException("parameter " + p.getKey() + " holds " + v + ", beyond float16's range");
                    }
                    data.putShort(h);
                } else {
                    data.putFloat(v);
                }
            }
            out.write(data.array());
        }
        out.flush();
        CRC32C crc = new CRC32C();
        crc.update(bytes.toByteArray());
        out.writeInt((int) crc.getValue());
        return bytes.toByteArray();
    }

    public static String fingerprint(byte[] file) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(file);
            return HexFormat.of().formatHex(Arrays.copyOf(digest, 8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Loads the weights into {@code block} (already initialised with the same architecture), checking the file's
     * checksum and that every parameter's name and shape match.
     */
    public static void load(byte[] file, Block block, NDManager manager, String name) throws IOException {
        if (file.length < 13) {
            throw new IOException(name + ": not a weights file (" + file.length + " bytes)");
        }
        CRC32C crc = new CRC32C();
        crc.update(file, 0, file.length - 4);
        ByteBuffer in = ByteBuffer.wrap(file);
        if (in.get() != MAGIC[0] || in.get() != MAGIC[1] || in.get() != MAGIC[2]) {
            throw new IOException(name + ": not a weights file (bad magic)");
        }
        int version = in.get() & 0xFF;
        if (version != VERSION) {
            throw new IOException(name + ": unsupported weights version " + version + " (this reader knows "
                    + VERSION + ")");
        }
        int type = in.get() & 0xFF;
        if (type != FLOAT16 && type != FLOAT32) {
            throw new IOException(name + ": unknown value type " + type);
        }
        int width = type == FLOAT16 ? 2 : 4;
        if (in.getInt(file.length - 4) != (int) crc.getValue()) {
            throw new IOException(name + ": checksum mismatch: the weights file is corrupt or truncated");
        }
        List<Pair<String, Parameter>> parameters = block.getParameters().stream().toList();
        int count = in.getInt();
        if (count != parameters.size() || count > MAX_PARAMETERS) {
            throw new IOException(name + ": holds " + count + " parameters, the network has " + parameters.size());
        }
        for (Pair<String, Parameter> p : parameters) {
            int nameLength = in.getShort() & 0xFFFF;
            if (nameLength > MAX_NAME || nameLength > in.remaining()) {
                throw new IOException(name + ": corrupt parameter name length " + nameLength);
            }
            byte[] nameBytes = new byte[nameLength];
            in.get(nameBytes);
            String stored = new String(nameBytes, StandardCharsets.UTF_8);
            int dimensions = in.get() & 0xFF;
            if (dimensions > MAX_DIMENSIONS) {
                throw new IOException(name + ": parameter " + stored + " has " + dimensions + " dimensions");
            }
            long[] dims = new long[dimensions];
            for (int d = 0; d < dimensions; d++) {
                dims[d] = in.getLong();
            }
            Shape shape = new Shape(dims);
            Shape expected = p.getValue().getArray().getShape();
            if (!stored.equals(p.getKey()) || !shape.equals(expected)) {
                throw new IOException(name + ": parameter " + stored + " " + shape + " where the network has "
                        + p.getKey() + " " + expected + ": weights of another architecture");
            }
            long values = shape.size();
            if (values > MAX_VALUES || width * values > in.remaining() - 4) {
                throw new IOException(name + ": truncated inside parameter " + stored);
            }
            float[] floats = new float[(int) values];
            ByteBuffer data = in.slice().order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < floats.length; i++) {
                floats[i] = width == 2 ? Half.toFloat(data.getShort()) : data.getFloat();
            }
            in.position(in.position() + width * floats.length);
            int broken = firstNonFinite(floats);
            if (broken >= 0) {
                throw new IOException(name + ": parameter " + stored + " holds " + floats[broken] + " at index "
                        + broken + ": a broken model (from a diverged training run?) is refused");
            }
            Djl.overwrite(p.getValue().getArray(), floats);
        }
        if (in.remaining() != 4) {
            throw new IOException(name + ": " + (in.remaining() - 4) + " unexpected bytes after the last parameter");
        }
    }

    /** The index of the first NaN or infinite value, or -1. */
    private static int firstNonFinite(float[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                return i;
            }
        }
        return -1;
    }

    public static byte[] read(Path path) throws IOException {
        return Files.readAllBytes(path);
    }
}
