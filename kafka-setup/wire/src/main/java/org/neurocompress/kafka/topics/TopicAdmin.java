package org.neurocompress.kafka.topics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates the topics of a layout (creating twice is harmless) and reports how existing ones differ from it. */
public final class TopicAdmin {
    private final Admin admin;

    public TopicAdmin(Admin admin) {
        this.admin = admin;
    }

    /** What happened to one topic. */
    public record Outcome(String topic, boolean created, List<String> differences) {
    }

    public List<Outcome> create(List<TopicSpec> specs) throws Exception {
        List<Outcome> outcomes = new ArrayList<>();
        for (TopicSpec spec : specs) {
            NewTopic topic = new NewTopic(spec.name(), spec.partitions(), spec.replicationFactor())
                    .configs(spec.configs());
            boolean created;
            try {
                admin.createTopics(List.of(topic)).all().get();
                created = true;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create topic " + spec.name() + ": "
                            + e.getCause().getMessage(), e.getCause());
                }
                created = false;
            }
            outcomes.add(new Outcome(spec.name(), created, created ? List.of() : differences(spec)));
        }
        return outcomes;
    }

    public List<Outcome> describe(List<TopicSpec> specs) throws Exception {
        Set<String> existing = admin.listTopics().names().get();
        List<Outcome> outcomes = new ArrayList<>();
        for (TopicSpec spec : specs) {
            outcomes.add(new Outcome(spec.name(), false, existing.contains(spec.name()) ? differences(spec)
                    : List.of("missing: run 'neurocompress topics create'")));
        }
        return outcomes;
    }

    /** How an existing topic differs from its spec; empty when it matches. */
    List<String> differences(TopicSpec spec) throws Exception {
        List<String> out = new ArrayList<>();
        TopicDescription d = admin.describeTopics(List.of(spec.name())).allTopicNames().get().get(spec.name());
        if (d.partitions().size() != spec.partitions()) {
            out.add("partitions " + d.partitions().size() + ", expected " + spec.partitions());
        }
        int replicas = d.partitions().get(0).replicas().size();
        if (replicas != spec.replicationFactor()) {
            out.add("replication factor " + replicas + ", expected " + spec.replicationFactor());
        }
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, spec.name());
        Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
        for (Map.Entry<String, String> want : spec.configs().entrySet()) {
            ConfigEntry have = config.get(want.getKey());
            String value = have == null ? null : have.value();
            if (!want.getValue().equals(value)) {
                out.add(want.getKey() + " " + value + ", expected " + want.getValue());
            }
        }
        return out;
    }
}
