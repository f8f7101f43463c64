package org.neurocompress.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A PNG of a page, taken by Debian's Chromium in headless mode when it is installed (the demo's picture of its web
 * view). Written next to its destination and renamed, so a failed or missing browser leaves no partial file.
 */
final class BrowserScreenshot {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    private BrowserScreenshot() {
    }

    /** Whether the picture was taken; the reason it was not otherwise goes to {@code why}. */
    static boolean take(String url, Path png, StringBuilder why) throws IOException, InterruptedException {
        if (!Files.isExecutable(CHROMIUM)) {
            why.append(CHROMIUM).append(" is not installed (Debian package chromium)");
            return false;
        }
        Path dir = png.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path partial = Files.createTempFile(dir, ".web-view", ".png");
        Path profile = Files.createTempDirectory("demo-chromium");
        try {
            // The machine's notes: no sandbox as root, no background connections; virtual time lets the page's
            // events arrive and its charts draw before the picture.
            Process p = new ProcessBuilder(List.of(CHROMIUM.toString(), "--headless=new", "--no-sandbox",
                    "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                    "--user-data-dir=" + profile, "--window-size=1400,900", "--virtual-time-budget=5000",
                    "--screenshot=" + partial, url)).redirectErrorStream(true).redirectOutput(
                            ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                why.append("chromium took longer than 60 s");
                return false;
            }
            if (p.exitValue() != 0 || Files.size(partial) == 0) {
                why.append("chromium exited with ").append(p.exitValue());
                return false;
            }
            if (Files.getFileStore(partial).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(partial, java.nio.file.attribute.PosixFilePermissions.fromString(
                        "rw-r--r--")); // as the report's other files, not a temporary file's 600
            }
            Files.move(partial, png, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } finally {
            Files.deleteIfExists(partial);
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
