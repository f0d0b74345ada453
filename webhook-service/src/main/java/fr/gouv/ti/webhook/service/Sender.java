package fr.gouv.ti.webhook.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.gouv.ti.commons.correlation.Correlation;
import fr.gouv.ti.webhook.config.WebhookConfig;
import fr.gouv.ti.webhook.domain.StoredEvent;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One HTTP attempt: the CloudEvent in structured mode ({@code application/cloudevents+json}), signed in the Standard
 * Webhooks format, POSTed with a timeout; redirects are not followed and at most {@code max-response-bytes} of the
 * answer are read.
 */
@ApplicationScoped
public class Sender {

    public static final String CONTENT_TYPE = "application/cloudevents+json; charset=utf-8";

    /** What came of an attempt: a 2xx is delivered; anything else (or no answer) is retried. */
    public record Outcome(boolean delivered, Integer status, String excerpt, String error, int latencyMs) {
    }

    private final HttpClient client;
    private final WebhookConfig.Delivery config;
    private final TargetPolicy targets;
    private final ObjectMapper mapper;

    public Sender(WebhookConfig config, TargetPolicy targets, ObjectMapper mapper) {
        this.config = config.delivery();
        this.targets = targets;
        this.mapper = mapper;
        this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(this.config.connectTimeout()).version(HttpClient.Version.HTTP_1_1).build();
    }

    /** The body delivered for an event: the CloudEvent 1.0 JSON format, the event's data as {@code data}. */
    public byte[] body(StoredEvent e) throws IOException {
        ObjectNode ce = mapper.createObjectNode();
        ce.put("specversion", "1.0");
        ce.put("id", e.id());
        ce.put("source", e.source() != null ? e.source() : "/" + e.topic());
        ce.put("type", e.type());
        if (e.subject() != null) {
            ce.put("subject", e.subject());
        }
        if (e.time() != null) {
            ce.put("time", e.time());
        }
        ce.put("datacontenttype", "application/json");
        if (e.correlationId() != null) {
            ce.put("correlationid", e.correlationId());
        }
        ce.set("data", mapper.readTree(e.data()));
        return mapper.writeValueAsBytes(ce);
    }

    public Outcome send(String url, StoredEvent e, List<String> secrets) {
        long start = System.nanoTime();
        var refused = targets.refusal(url);
        if (refused.isPresent()) {
            return new Outcome(false, null, null, "target refused: the URL " + refused.get(), 0);
        }
        try {
            byte[] body = body(e);
            long timestamp = System.currentTimeMillis() / 1000;
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(config.requestTimeout())
                    .header("content-type", CONTENT_TYPE)
                    .header("user-agent", "ti-webhooks/1.0")
                    .header("webhook-id", e.id())
                    .header("webhook-timestamp", Long.toString(timestamp))
                    .header("webhook-signature", Signatures.header(secrets, e.id(), timestamp, body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            if (e.correlationId() != null) {
                request.header(Correlation.HEADER, e.correlationId());
            }
            HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            String excerpt;
            try (InputStream in = response.body()) {
                excerpt = new String(in.readNBytes(config.maxResponseBytes()), StandardCharsets.UTF_8);
            }
            int status = response.statusCode();
            boolean ok = status >= 200 && status < 300;
            String error = ok ? null : status >= 300 && status < 400
                    ? "redirect (" + status + ") not followed" : "HTTP " + status;
            return new Outcome(ok, status, excerpt.isEmpty() ? null : excerpt, error, millisSince(start));
        } catch (HttpTimeoutException ex) {
            return new Outcome(false, null, null, "timeout: " + ex.getMessage(), millisSince(start));
        } catch (IOException ex) {
            String what = ex instanceof java.net.ConnectException ? "connection refused or host unreachable"
                    : ex.getMessage() != null ? ex.getMessage() : "connection closed";
            return new Outcome(false, null, null, ex.getClass().getSimpleName() + ": " + what, millisSince(start));
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return new Outcome(false, null, null, "interrupted", millisSince(start));
        } catch (IllegalArgumentException ex) {
            return new Outcome(false, null, null, "invalid request: " + ex.getMessage(), millisSince(start));
        }
    }

    private static int millisSince(long startNanos) {
        return (int) ((System.nanoTime() - startNanos) / 1_000_000);
    }
}
