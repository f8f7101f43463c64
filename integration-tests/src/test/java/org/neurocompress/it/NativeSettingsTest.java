package org.neurocompress.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neurocompress.codec.learned.Djl;

/**
 * Every place that starts a JVM which may load PyTorch gives it the native settings of {@link Djl#NATIVE_SETTINGS}:
 * the launcher, the build's test JVMs (this one included), both Docker images, and the README's deployment steps.
 */
class NativeSettingsTest {
    private static final Path ROOT = Path.of(System.getProperty("repositoryRoot", "..")).toAbsolutePath().normalize();

    @Test
    void thisTestJvmRunsWithTheSettings() {
        assertEquals(List.of(), Djl.missingNativeSettings(System.getenv()), "set by the root pom's surefire config");
    }

    @Test
    void theLauncherExportsEachSettingUnlessTheUserChoseOne() throws IOException {
        String launcher = Files.readString(ROOT.resolve("neurocompress"));
        for (Map.Entry<String, String> s : Djl.NATIVE_SETTINGS.entrySet()) {
            assertTrue(launcher.contains(s.getKey() + "=\"${" + s.getKey() + ":-" + s.getValue() + "}\""), s.getKey());
        }
    }

    @Test
    void theImagesAndTheDeploymentStepsSetThem() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        for (String file : List.of("docker/job.Dockerfile", "docker/tools.Dockerfile")) {
            String dockerfile = Files.readString(ROOT.resolve(file));
            for (Map.Entry<String, String> s : Djl.NATIVE_SETTINGS.entrySet()) {
                assertTrue(dockerfile.contains(s.getKey() + "=" + s.getValue()), file + ": " + s.getKey());
                assertTrue(readme.contains(s.getKey() + "=" + s.getValue()), "README: " + s.getKey());
            }
        }
    }
}
