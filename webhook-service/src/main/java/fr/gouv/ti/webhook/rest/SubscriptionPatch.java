package fr.gouv.ti.webhook.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** A change to a subscription: each field given replaces the current value; absent fields stay as they are. */
@Schema(name = "SubscriptionPatch", description = "Fields to change; `enabled: true` re-enables a disabled endpoint "
        + "(its pending deliveries become due at once)")
public record SubscriptionPatch(
        @Schema(maxLength = 2000, example = "https://si.region-aura.fr/hooks/ti2") String url,
        @Schema(maxLength = 500) String description,
        @Schema(minItems = 1, maxItems = 50) List<String> eventTypes,
        @Schema(pattern = "^\\d{4}-\\d{4}$") String phase,
        @Schema(pattern = "^ti-\\d{4}$") String tiId,
        @Schema(pattern = "^\\d{2}$") String regionCode,
        Boolean enabled) {
}
