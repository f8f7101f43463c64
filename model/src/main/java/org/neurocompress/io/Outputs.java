package org.neurocompress.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Checks of a command's paths made before anything is opened for writing. */
public final class Outputs {
    private Outputs() {
    }

    /** An output that is a folder, or the same file as an input (also through links), is refused. */
    public static void check(Path output, Path... inputs) throws IOException {
        if (Files.isDirectory(output)) {
            throw new OutputException(output + " is a folder: name a file to write");
        }
        if (!Files.exists(output)) {
            return;
        }
        for (Path input : inputs) {
            if (input != null && Files.exists(input) && Files.isSameFile(input, output)) {
                throw new OutputException(output + " is the input " + input + " itself: writing it would destroy "
                        + "the input; name another output");
            }
        }
    }

    /** Reading an input: it must be a regular file, named in the error when it is a folder or missing. */
    public static void checkInput(Path input) throws IOException {
        if (Files.isDirectory(input)) {
            throw new java.nio.file.FileSystemException(input.toString(), null, "is a folder, not a file");
        }
        if (!Files.exists(input)) {
            throw new java.nio.file.NoSuchFileException(input.toString());
        }
    }

    /** An output the command must not write: a usage error. */
    public static final class OutputException extends IOException {
        private static final long serialVersionUID = 1L;

        public OutputException(String message) {
            super(message);
        }
    }
}
