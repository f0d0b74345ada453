package fr.gouv.ti.webhook.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** What a client subscribes: where, which events, and optional filters. */
@Schema(name = "SubscriptionRequest", description = "A new subscription")
public record SubscriptionRequest(
        @Schema(required = true, description = "Where events are POSTed: https (http only in a local run); not a "
                + "loopback, link-local or private address", maxLength = 2000,
                example = "https://si.region-aura.fr/hooks/ti") String url,
        @Schema(description = "Free text for the client", maxLength = 500, example = "SI contrats AURA") String description,
        @Schema(required = true, description = "Event types (see listWebhookEventTypes), or patterns ending in `.*`",
                minItems = 1, maxItems = 50, example = "[\"fr.gouv.ti.contract.*\", \"fr.gouv.ti.funding.*\"]")
        List<String> eventTypes,
        @Schema(description = "Only events about territories of this phase", pattern = "^\\d{4}-\\d{4}$",
                example = "2019-2022") String phase,
        @Schema(description = "Only events about this territory", pattern = "^ti-\\d{4}$", example = "ti-8411")
        String tiId,
        @Schema(description = "Only events about territories of this region", pattern = "^\\d{2}$", example = "84")
        String regionCode) {
}
