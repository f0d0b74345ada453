package fr.gouv.ti.webhook.service;

import fr.gouv.ti.commons.audit.AuditLog;
import fr.gouv.ti.commons.problem.Problem;
import fr.gouv.ti.commons.problem.ProblemException;
import fr.gouv.ti.commons.security.Caller;
import fr.gouv.ti.commons.security.Role;
import fr.gouv.ti.commons.web.Preconditions;
import fr.gouv.ti.webhook.config.WebhookConfig;
import fr.gouv.ti.webhook.domain.DeliveryRepository;
import fr.gouv.ti.webhook.domain.EventTypes;
import fr.gouv.ti.webhook.domain.Subscription;
import fr.gouv.ti.webhook.domain.SubscriptionRepository;
import fr.gouv.ti.webhook.rest.SubscriptionPatch;
import fr.gouv.ti.webhook.rest.SubscriptionRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Subscriptions of the calling client: checked in full before anything is written (a refused request stores
 * nothing), each client seeing and changing only its own; anonymous callers cannot subscribe.
 */
@ApplicationScoped
public class SubscriptionService {

    private static final Pattern PHASE = Pattern.compile("^(2019-2022|2023-2027)$");
    private static final Pattern TI_ID = Pattern.compile("^ti-\\d{4}$");
    private static final Pattern REGION = Pattern.compile("^\\d{2}$");
    private static final Role[] SUBSCRIBERS = {Role.NATIONAL_ADMIN, Role.REGION, Role.OPERATOR, Role.TERRITORY_TEAM};

    public record Created(Subscription subscription, String secret) {
    }

    public record Rotated(String secret, Instant previousValidUntil) {
    }

    private final SubscriptionRepository subscriptions;
    private final DeliveryRepository deliveries;
    private final TargetPolicy targets;
    private final AuditLog audit;
    private final WebhookConfig config;

    public SubscriptionService(SubscriptionRepository subscriptions, DeliveryRepository deliveries,
                               TargetPolicy targets, AuditLog audit, WebhookConfig config) {
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.targets = targets;
        this.audit = audit;
        this.config = config;
    }

    @Transactional
    public Created create(Caller caller, SubscriptionRequest r) {
        caller.require(SUBSCRIBERS);
        if (r == null) {
            throw ProblemException.badRequest("A JSON body is required.");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        check(errors, caller, r.url(), r.description(), r.eventTypes(), r.phase(), r.tiId(), r.regionCode(), true);
        refuseIfAny(errors);
        Instant now = Instant.now();
        Subscription s = new Subscription(UUID.randomUUID(), caller, r.url(), r.description(),
                List.copyOf(r.eventTypes()), r.phase(), r.tiId(), r.regionCode(), true, null, null, 0, null, 1, now,
                now);
        String secret = Signatures.newSecret();
        subscriptions.insert(s, secret);
        audit.record(caller, "webhook.subscribe", "subscription", s.id().toString(), null);
        return new Created(get(caller, s.id()), secret);
    }

    public Subscription get(Caller caller, UUID id) {
        caller.require(SUBSCRIBERS);
        Subscription s = subscriptions.find(id).orElseThrow(() -> notFound(id));
        if (!s.ownedBy(caller)) {
            // another client's subscription is not even acknowledged to exist
            throw notFound(id);
        }
        return s;
    }

    public List<Subscription> list(Caller caller, long afterSeq, int limit) {
        caller.require(SUBSCRIBERS);
        return subscriptions.ofClient(caller.clientId(), afterSeq, limit);
    }

    public long seqOf(UUID id) {
        return subscriptions.seqOf(id);
    }

    @Transactional
    public Subscription update(Caller caller, UUID id, SubscriptionPatch p, String ifMatch) {
        Subscription s = get(caller, id);
        Preconditions.requireMatch(ifMatch, s.version(), "subscription " + id);
        if (p == null) {
            throw ProblemException.badRequest("A JSON body is required.");
        }
        String url = p.url() != null ? p.url() : s.url();
        List<String> types = p.eventTypes() != null ? p.eventTypes() : s.eventTypes();
        String description = p.description() != null ? p.description() : s.description();
        String phase = p.phase() != null ? blankToNull(p.phase()) : s.filterPhase();
        String tiId = p.tiId() != null ? blankToNull(p.tiId()) : s.filterTiId();
        String region = p.regionCode() != null ? blankToNull(p.regionCode()) : s.filterRegion();
        List<Problem.FieldError> errors = new ArrayList<>();
        check(errors, caller, url, description, types, phase, tiId, region, p.url() != null);
        refuseIfAny(errors);
        boolean enable = Boolean.TRUE.equals(p.enabled()) && !s.enabled();
        boolean enabled = p.enabled() != null ? p.enabled() : s.enabled();
        Subscription changed = new Subscription(s.id(), s.owner(), url, description, List.copyOf(types), phase, tiId,
                region, enabled,
                enabled ? null : Objects.requireNonNullElse(s.disabledReason(), "disabled by the client"),
                enabled ? null : Objects.requireNonNullElse(s.disabledAt(), Instant.now()),
                enable ? 0 : s.consecutiveFailures(), enable ? null : s.failingSince(), s.version(), s.createdAt(),
                s.updatedAt());
        if (subscriptions.update(changed) == 0) {
            throw new ProblemException(412, "precondition-failed", "Stale version",
                    "Subscription " + id + " changed while this request ran; read it again and retry.");
        }
        if (enable) {
            deliveries.dueNow(id);
        }
        audit.record(caller, "webhook.update", "subscription", id.toString(), null);
        return get(caller, id);
    }

    @Transactional
    public void delete(Caller caller, UUID id) {
        get(caller, id);
        subscriptions.delete(id);
        audit.record(caller, "webhook.unsubscribe", "subscription", id.toString(), null);
    }

    /** A new secret; the previous one keeps signing for {@code overlapSeconds} (default from configuration). */
    @Transactional
    public Rotated rotate(Caller caller, UUID id, Integer overlapSeconds) {
        get(caller, id);
        if (overlapSeconds != null && (overlapSeconds < 0 || overlapSeconds > 7 * 24 * 3600)) {
            throw ProblemException.badRequest("overlapSeconds must be between 0 and 604800 (7 days)",
                    new Problem.FieldError("overlapSeconds", "must be between 0 and 604800"));
        }
        Duration overlap = overlapSeconds != null ? Duration.ofSeconds(overlapSeconds)
                : config.secrets().rotationOverlap();
        String secret = Signatures.newSecret();
        Instant until = subscriptions.rotate(id, secret, overlap);
        audit.record(caller, "webhook.rotate-secret", "subscription", id.toString(), null);
        return new Rotated(secret, until);
    }

    private void check(List<Problem.FieldError> errors, Caller caller, String url, String description,
                       List<String> types, String phase, String tiId, String region, boolean checkUrl) {
        if (checkUrl || url == null) {
            targets.refusal(url).ifPresent(why -> errors.add(new Problem.FieldError("url", "the URL " + why)));
        }
        if (description != null && description.length() > 500) {
            errors.add(new Problem.FieldError("description", "at most 500 characters"));
        }
        if (types == null || types.isEmpty()) {
            errors.add(new Problem.FieldError("eventTypes", "at least one event type or pattern is required"));
        } else if (types.size() > 50) {
            errors.add(new Problem.FieldError("eventTypes", "at most 50 entries"));
        } else {
            for (int i = 0; i < types.size(); i++) {
                if (!EventTypes.isValidPattern(types.get(i))) {
                    errors.add(new Problem.FieldError("eventTypes[" + i + "]", "unknown event type or pattern: "
                            + types.get(i) + " (see GET /api/v1/webhooks/event-types; patterns end in .*)"));
                }
            }
        }
        pattern(errors, "phase", phase, PHASE, "2019-2022 or 2023-2027");
        pattern(errors, "tiId", tiId, TI_ID, "a territory id such as ti-8411");
        pattern(errors, "regionCode", region, REGION, "a two-digit region code such as 84");
        if (caller.is(Role.REGION) && region != null && !region.equals(caller.regionCode())) {
            errors.add(new Problem.FieldError("regionCode", "region " + caller.regionCode()
                    + " receives only the events of its own territories"));
        }
        if (caller.is(Role.TERRITORY_TEAM) && ((tiId != null && !tiId.equals(caller.tiId()))
                || (phase != null && !phase.equals(caller.phase())))) {
            errors.add(new Problem.FieldError("tiId", "this territory team receives only the events of "
                    + caller.phase() + "/" + caller.tiId()));
        }
    }

    private static void pattern(List<Problem.FieldError> errors, String field, String value, Pattern p, String what) {
        if (value != null && !p.matcher(value).matches()) {
            errors.add(new Problem.FieldError(field, "must be " + what));
        }
    }

    private static void refuseIfAny(List<Problem.FieldError> errors) {
        if (!errors.isEmpty()) {
            throw ProblemException.validation("The subscription was refused; nothing was stored.", errors);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    static ProblemException notFound(UUID id) {
        return ProblemException.notFound("No subscription " + id + " for this client.");
    }
}
