package fr.gouv.ti.webhook.domain;

import fr.gouv.ti.commons.security.Caller;
import fr.gouv.ti.commons.security.Role;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A client's subscription: where to deliver, which events, and the scope of the client that made it (what it may
 * receive is decided by that scope, whatever its filters say).
 */
public record Subscription(UUID id, Caller owner, String url, String description, List<String> eventTypes,
                           String filterPhase, String filterTiId, String filterRegion, boolean enabled,
                           String disabledReason, Instant disabledAt, int consecutiveFailures, Instant failingSince,
                           int version, Instant createdAt, Instant updatedAt) {

    public boolean ownedBy(Caller caller) {
        return owner.clientId().equals(caller.clientId());
    }

    /** Whether this subscription wants the event (types and filters) and its owner may read it. */
    public boolean wants(StoredEvent e, Visibility visibility) {
        if (!EventTypes.matchesAny(eventTypes, e.type())) {
            return false;
        }
        if (filterPhase != null && !filterPhase.equals(e.phase())) {
            return false;
        }
        if (filterTiId != null && !filterTiId.equals(e.tiId())) {
            return false;
        }
        if (filterRegion != null && !visibility.inRegion(e, filterRegion)) {
            return false;
        }
        return visibility.mayRead(owner, e);
    }

    public static Caller owner(String clientId, String clientName, String role, String region, String operator,
                               String phase, String tiId) {
        return new Caller(clientId, clientName, Role.fromClaim(role), region, operator, phase, tiId);
    }
}
