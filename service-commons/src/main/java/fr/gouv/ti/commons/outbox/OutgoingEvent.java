package fr.gouv.ti.commons.outbox;

/**
 * An event to publish once the current transaction commits.
 *
 * @param topic         Kafka topic, e.g. {@code ti.territory.v1}
 * @param type          CloudEvents type, e.g. {@code fr.gouv.ti.territory.labelled.v1}
 * @param aggregateType e.g. {@code territory}
 * @param aggregateId   Kafka key: events of one aggregate stay in order on one partition
 * @param subject       CloudEvents subject (often the aggregate id)
 * @param payload       serialised as JSON
 */
public record OutgoingEvent(String topic, String type, String aggregateType, String aggregateId, String subject,
                            Object payload) {
}
