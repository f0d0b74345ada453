package fr.gouv.ti.e2e.chaos;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** How many records each dead-letter topic holds (the end offsets of its partitions), read from the broker. */
final class DeadLetters {

    private DeadLetters() {
    }

    static Map<String, Long> count(String bootstrapServers) throws Exception {
        Map<String, Object> conf = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000);
        try (Admin admin = Admin.create(conf)) {
            Set<String> topics = admin.listTopics().names().get(20, TimeUnit.SECONDS).stream()
                    .filter(t -> t.endsWith(".dlq")).collect(Collectors.toSet());
            Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
            for (TopicDescription d : admin.describeTopics(topics).allTopicNames().get(20, TimeUnit.SECONDS).values()) {
                d.partitions().forEach(p -> ends.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest()));
            }
            Map<String, Long> counts = new HashMap<>();
            for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> e
                    : admin.listOffsets(ends).all().get(20, TimeUnit.SECONDS).entrySet()) {
                counts.merge(e.getKey().topic(), e.getValue().offset(), Long::sum);
            }
            return counts;
        }
    }
}
