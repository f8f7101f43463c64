package org.neurocompress.kafka.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.neurocompress.codec.FrameEncoder;
import org.neurocompress.codec.raw.RawCodec;
import org.neurocompress.kafka.broker.LocalBroker;
import org.neurocompress.kafka.replay.ReplaySource;
import org.neurocompress.kafka.testing.LocalBrokerExtension;
import org.neurocompress.synth.SyntheticElectrode;
import org.neurocompress.wav.WavReader;

/**
 * The tools against a broker that requires SASL/PLAIN: with the user's --kafka-config they work; with a wrong
 * password or none they fail within seconds with one line that says so.
 */
class SecuredBrokerTest {
    private static final Map<String, String> USERS = new LinkedHashMap<>(Map.of("admin", "admin-secret"));

    static {
        USERS.put("alice", "alice-secret");
    }

    @RegisterExtension
    static final LocalBrokerExtension BROKER = new LocalBrokerExtension(USERS);

    @TempDir
    Path dir;

    private Path clientConfig(String name, String user, String password) throws IOException {
        StringBuilder text = new StringBuilder();
        LocalBroker.plainClientProperties(user, password).forEach((k, v) -> text.append(k).append('=')
                .append(v.replace("\\", "\\\\")).append('\n'));
        return Files.writeString(dir.resolve(name), text);
    }

    private static ToolRun run(Path config, String... args) {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--bootstrap", BROKER.bootstrapServers()));
        if (config != null) {
            all.addAll(List.of("--kafka-config", config.toString()));
        }
        return ToolRun.run(all.toArray(String[]::new));
    }

    @Test
    void everyToolWorksWithTheRightCredentials() throws Exception {
        Path alice = clientConfig("alice.properties", "alice", "alice-secret");
        ToolRun topics = run(alice, "topics", "create", "--topic-prefix", "s.", "--partitions", "2");
        assertEquals(0, topics.exit(), topics.err());
        ToolRun replay = run(alice, "replay", "--topic-prefix", "s.", "--synthetic", "--channels", "2", "--duration",
                "0.5", "--rate", "max", "--json");
        assertEquals(0, replay.exit(), replay.err());
        assertEquals(2 * Math.round(0.5 * SyntheticElectrode.N1_SAMPLE_RATE),
                new ObjectMapper().readTree(replay.out()).get("samples").asLong());

        ReplaySource source = ReplaySource.synthetic(2, 0.5, 3);
        Map<Integer, short[]> channels = Map.of(0, source.loop(0), 1, source.loop(1));
        int frames = SamplesToFrames.publish(BROKER.config(), "s.frames", channels, new FrameEncoder(new RawCodec(), 1),
                SyntheticElectrode.N1_SAMPLE_RATE);
        ToolRun consume = run(alice, "consume", "--topic-prefix", "s.", "--out", dir.resolve("out").toString(),
                "--idle-timeout", "2", "--json", "--group", "secured");
        assertEquals(0, consume.exit(), consume.err());
        assertEquals(frames, new ObjectMapper().readTree(consume.out()).get("frames").asInt());
        assertArrayEquals(channels.get(1), WavReader.readAll(dir.resolve("out/channel-00001.wav"))[0]);

        ToolRun watch = run(alice, "watch", "--topic-prefix", "s.", "--json", "--duration", "1");
        assertEquals(0, watch.exit(), watch.err());
        ToolRun describe = run(alice, "topics", "describe", "--topic-prefix", "s.", "--partitions", "2");
        assertEquals(0, describe.exit(), describe.err());
    }

    @Test
    void aWrongPasswordIsNamedAsAnAuthenticationFailureWithinSeconds() throws Exception {
        Path wrong = clientConfig("wrong.properties", "alice", "not-her-password");
        for (String[] tool : List.of(new String[] {"topics", "create", "--topic-prefix", "w."},
                new String[] {"replay", "--synthetic", "--channels", "1", "--duration", "0.1"},
                new String[] {"consume", "--out", dir.resolve("w").toString()},
                new String[] {"watch", "--duration", "1"})) {
            long start = System.nanoTime();
            ToolRun r = run(wrong, tool);
            double seconds = (System.nanoTime() - start) / 1e9;
            assertEquals(1, r.exit(), tool[0] + ": " + r.err());
            assertTrue(r.err().contains("refused authentication") && r.err().contains("--kafka-config"),
                    tool[0] + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), tool[0] + " says it in one line: " + r.err());
            assertFalse(r.err().contains("not-her-password"), "the password is never printed");
            assertTrue(seconds < 30, tool[0] + " took " + seconds + " s");
        }
    }

    @Test
    void noCredentialsAtAllSayTheBrokerMayRequireThem() {
        ToolRun r = run(null, "topics", "create", "--topic-prefix", "n.");
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.err().contains("requires authentication"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }
}
