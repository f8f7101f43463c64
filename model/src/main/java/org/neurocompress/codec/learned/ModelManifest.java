package org.neurocompress.codec.learned;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * model.json, version 1 (docs/formats.md): which preset and weights a model folder holds, how it was trained and
 * how it did on the dev recordings. Unknown fields are kept; the required ones are checked on read.
 */
public final class ModelManifest {
    public static final String FORMAT = "neurocompress-model";
    public static final int VERSION = 1;
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ObjectNode json;

    private ModelManifest(ObjectNode json) {
        this.json = json;
    }

    public static ModelManifest create(String preset, int segmentLength, String fingerprint, String weightsFile) {
        ObjectNode json = JSON.createObjectNode();
        json.put("format", FORMAT);
        json.put("version", VERSION);
        json.put("preset", preset);
        json.put("segment_length", segmentLength);
        json.put("fingerprint", fingerprint);
        json.put("weights", weightsFile);
        return new ModelManifest(json);
    }

    public static ModelManifest parse(byte[] bytes, String name) throws IOException {
        JsonNode node;
        try {
            node = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new IOException(name + ": not JSON: " + e.getMessage());
        }
        if (node == null || !node.isObject() || !FORMAT.equals(node.path("format").asText())) {
            throw new IOException(name + ": not a neurocompress model manifest");
        }
        if (node.path("version").asInt() != VERSION) {
            throw new IOException(name + ": unsupported model manifest version " + node.path("version").asText()
                    + " (this reader knows " + VERSION + ")");
        }
        for (String field : new String[] {"preset", "segment_length", "fingerprint", "weights"}) {
            if (!node.hasNonNull(field)) {
                throw new IOException(name + ": lacks '" + field + "'");
            }
        }
        return new ModelManifest((ObjectNode) node);
    }

    public String preset() {
        return json.get("preset").asText();
    }

    public int segmentLength() {
        return json.get("segment_length").asInt();
    }

    public String fingerprint() {
        return json.get("fingerprint").asText();
    }

    public String weightsFile() {
        return json.get("weights").asText();
    }

    /** The mutable JSON, for the trainer to record hyperparameters, data, training and dev figures. */
    public ObjectNode json() {
        return json;
    }

    public byte[] toBytes() throws IOException {
        return JSON.writeValueAsBytes(json);
    }
}
