package org.neurocompress.io;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A file that appears only when complete: written beside its target under a hidden temporary name, forced to disk
 * and renamed over the target on {@link #commit}. Closed without a commit (a failure), or when the JVM stops on a
 * signal (SIGTERM, Ctrl-C) before the commit, the temporary is deleted and an existing target is left as it was.
 * A SIGKILL leaves the temporary (a dot file ending in ".partial") beside an untouched target.
 */
public final class AtomicFile implements Closeable {
    private static final Set<Path> PENDING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> PENDING.forEach(AtomicFile::deleteQuietly),
                "atomic-file-cleanup"));
    }

    private final Path target;
    private final Path temporary;
    private final boolean cleanOnShutdown;
    private boolean done;

    private AtomicFile(Path target, Path temporary, boolean cleanOnShutdown) {
        this.target = target;
        this.temporary = temporary;
        this.cleanOnShutdown = cleanOnShutdown;
    }

    /**
     * Starts writing {@code target}, refusing first a target that is a directory or the same file as one of
     * {@code inputs} (also through links).
     */
    public static AtomicFile create(Path target, Path... inputs) throws IOException {
        return create(target, true, inputs);
    }

    /**
     * The same; {@code cleanOnShutdown} false for a writer that commits on its own when the JVM stops (it must then
     * delete or commit the temporary itself).
     */
    public static AtomicFile create(Path target, boolean cleanOnShutdown, Path... inputs) throws IOException {
        Outputs.check(target, inputs);
        Path absolute = target.toAbsolutePath();
        Path parent = absolute.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new java.nio.file.NoSuchFileException(target.toString(), null, "its folder does not exist");
        }
        // Not Files.createTempFile: its files are private (0600); this one becomes the output, with the usual mode.
        Path temporary = null;
        for (int attempt = 0; temporary == null; attempt++) {
            Path candidate = parent.resolve("." + absolute.getFileName() + "." + Long.toHexString(
                    java.util.concurrent.ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE) + ".partial");
            try {
                temporary = Files.createFile(candidate);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (attempt > 16) {
                    throw e;
                }
            }
        }
        if (cleanOnShutdown) {
            PENDING.add(temporary);
        }
        return new AtomicFile(absolute, temporary, cleanOnShutdown);
    }

    /** Writes {@code bytes} as the whole of {@code target}, atomically. */
    public static void write(Path target, byte[] bytes, Path... inputs) throws IOException {
        try (AtomicFile file = create(target, inputs)) {
            Files.write(file.temporary(), bytes);
            file.commit();
        }
    }

    /** Where to write until the commit. */
    public Path temporary() {
        return temporary;
    }

    public Path target() {
        return target;
    }

    /** Forces the temporary to disk and renames it over the target. */
    public void commit() throws IOException {
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
        done = true;
        PENDING.remove(temporary);
    }

    /** Without a commit: the temporary is deleted, the target untouched. */
    @Override
    public void close() {
        if (!done) {
            deleteQuietly(temporary);
            done = true;
        }
        if (cleanOnShutdown) {
            PENDING.remove(temporary);
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // the JVM is stopping or the folder went away: nothing more to do
        }
    }
}
