package org.neurocompress.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.neurocompress.codec.Codec;
import org.neurocompress.codec.CodecSpec;
import org.neurocompress.codec.Codecs;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The options that choose a codec and its model, shared by the commands that encode. */
final class CodecOptions {
    @Option(names = "--codec", paramLabel = "NAME", defaultValue = Codecs.DEFAULT,
            description = "Codec: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}. (eval: several, comma-separated.)",
            completionCandidates = CodecNames.class)
    String codec;

    @Option(names = "--model", paramLabel = "DIR", description = "Model folder of a learned codec.")
    Path model;

    Codec create(CommandLine commandLine) throws IOException {
        return create(commandLine, codec, model);
    }

    /** The spec of the chosen codec; the arguments checked, nothing loaded. */
    CodecSpec check(CommandLine commandLine) {
        return check(commandLine, codec, model);
    }

    /** The codec named, its model checked against it: a usage error (exit 2) before any work. */
    static CodecSpec check(CommandLine commandLine, String name, Path model) {
        if (!Codecs.names().contains(name)) {
            throw new CommandLine.ParameterException(commandLine, "unknown codec '" + name + "' (known: "
                    + String.join(", ", Codecs.names()) + ")");
        }
        CodecSpec spec = Codecs.spec(name);
        if (model != null) {
            if (!spec.learned()) {
                throw new CommandLine.ParameterException(commandLine, "--model " + model + ": codec '" + name
                        + "' uses no model");
            }
            if (!Files.exists(model)) {
                throw new CommandLine.ParameterException(commandLine, "--model " + model + ": no such folder");
            }
            if (!Files.isDirectory(model)) {
                throw new CommandLine.ParameterException(commandLine, "--model " + model + ": a file, not a model "
                        + "folder (one holding model.json and its weights)");
            }
        }
        return spec;
    }

    static Codec create(CommandLine commandLine, String name, Path model) throws IOException {
        check(commandLine, name, model);
        return Codecs.create(name, Optional.ofNullable(model));
    }

    static int checkLevel(CommandLine commandLine, CodecSpec codec, Integer level) {
        if (level == null) {
            return codec.defaultLevel();
        }
        if (level < 1 || level > codec.levels().size()) {
            throw new CommandLine.ParameterException(commandLine, "--level " + level + ": codec '" + codec.name()
                    + "' has levels 1.." + codec.levels().size());
        }
        return level;
    }

    /** The codec names, for help and completion. */
    static final class CodecNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Codecs.names().iterator();
        }
    }
}
