package fr.gouv.ti.commons.events;

/** Names of the CloudEvents 1.0 Kafka binary-mode headers used by the suite. */
public final class CloudEvent {
    public static final String SPECVERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String SOURCE = "ce_source";
    public static final String TYPE = "ce_type";
    public static final String TIME = "ce_time";
    public static final String SUBJECT = "ce_subject";
    public static final String CONTENT_TYPE = "content-type";
    /** Extension attribute: the correlation id of the request that caused the event. */
    public static final String CORRELATION_ID = "ce_correlationid";
    /** Distributed tracing extension. */
    public static final String TRACEPARENT = "ce_traceparent";
    public static final String TYPE_PREFIX = "fr.gouv.ti.";

    private CloudEvent() {
    }

    /** {@code contract.signed} becomes {@code fr.gouv.ti.contract.signed.v1}. */
    public static String type(String name, int version) {
        return TYPE_PREFIX + name + ".v" + version;
    }
}
