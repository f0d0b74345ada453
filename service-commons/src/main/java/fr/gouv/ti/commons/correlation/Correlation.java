package fr.gouv.ti.commons.correlation;

import org.jboss.logging.MDC;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The correlation id follows a request from the gateway to the logs, the audit rows and the Kafka events it causes.
 * Held in the logging MDC, which Quarkus carries across the threads of one request.
 */
public final class Correlation {

    public static final String HEADER = "X-Correlation-ID";
    public static final String MDC_KEY = "correlationId";
    public static final String TRACEPARENT_MDC_KEY = "traceparent";
    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private Correlation() {
    }

    /** Keeps a well-formed incoming id, otherwise makes a new one. */
    public static String acceptOrCreate(String incoming) {
        return incoming != null && ACCEPTABLE.matcher(incoming).matches() ? incoming : UUID.randomUUID().toString();
    }

    public static String current() {
        Object id = MDC.get(MDC_KEY);
        return id == null ? null : id.toString();
    }

    public static String traceparent() {
        Object tp = MDC.get(TRACEPARENT_MDC_KEY);
        return tp == null ? null : tp.toString();
    }

    public static void set(String correlationId, String traceparent) {
        MDC.put(MDC_KEY, correlationId);
        if (traceparent != null) {
            MDC.put(TRACEPARENT_MDC_KEY, traceparent);
        } else {
            MDC.remove(TRACEPARENT_MDC_KEY);
        }
    }

    public static void clear() {
        MDC.remove(MDC_KEY);
        MDC.remove(TRACEPARENT_MDC_KEY);
    }
}
