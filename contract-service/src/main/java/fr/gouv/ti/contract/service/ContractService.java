package fr.gouv.ti.contract.service;

import fr.gouv.ti.commons.web.Preconditions;
import com.fasterxml.jackson.core.type.TypeReference;
import fr.gouv.ti.commons.audit.AuditLog;
import fr.gouv.ti.commons.outbox.Outbox;
import fr.gouv.ti.commons.paging.Cursor;
import fr.gouv.ti.commons.paging.Page;
import fr.gouv.ti.commons.problem.Problem.FieldError;
import fr.gouv.ti.commons.problem.ProblemException;
import fr.gouv.ti.commons.security.Caller;
import fr.gouv.ti.contract.domain.ActionStatus;
import fr.gouv.ti.contract.domain.Committee;
import fr.gouv.ti.contract.domain.Contract;
import fr.gouv.ti.contract.domain.ContractState;
import fr.gouv.ti.contract.domain.ContractTransition;
import fr.gouv.ti.contract.domain.FicheAction;
import fr.gouv.ti.contract.domain.PerimeterMember;
import fr.gouv.ti.contract.domain.TerritoryProjection;
import fr.gouv.ti.contract.domain.TransitionKind;
import fr.gouv.ti.contract.rest.ActionRequest;
import fr.gouv.ti.contract.rest.ActionView;
import fr.gouv.ti.contract.rest.AmendmentRequest;
import fr.gouv.ti.contract.rest.CommitteeRequest;
import fr.gouv.ti.contract.rest.CommitteeView;
import fr.gouv.ti.contract.rest.ContractView;
import fr.gouv.ti.contract.rest.HistoryView;
import fr.gouv.ti.contract.rest.NewContract;
import fr.gouv.ti.contract.rest.SignatoriesRequest;
import fr.gouv.ti.contract.rest.SignatoryView;
import fr.gouv.ti.contract.rest.TransitionRequest;
import fr.gouv.ti.contract.rest.TransitionView;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

@ApplicationScoped
public class ContractService {

    private static final TypeReference<List<SignatoryView>> SIGNATORIES = new TypeReference<>() {
    };
    static final TypeReference<List<ActionRequest.FundingRequest>> FUNDING = new TypeReference<>() {
    };

    private final Outbox outbox;
    private final AuditLog audit;
    private final JsonText json;

    private final Clock clock;

    public ContractService(Outbox outbox, AuditLog audit, JsonText json, Clock clock) {
        this.clock = clock;
        this.outbox = outbox;
        this.audit = audit;
        this.json = json;
    }

    // ================================================================== writes

    @Transactional
    public Contract create(Caller caller, NewContract request) {
        TerritoryProjection t = Projections.territory(request.phase(), request.tiId());
        Access.requireOpen(caller, t);
        if (!t.isLabelled()) {
            throw ProblemException.conflict("territory-not-labelled", "Territory not labelled",
                    "Territory " + t.key + " is " + t.status + "; a contract needs a labelled territory.");
        }
        Contract existing = Contract.findOpen(t.phase, t.tiId).orElse(null);
        if (existing != null) {
            throw ProblemException.conflict("contract-exists", "Contract already exists",
                    "Territory " + t.key + " already has a contract (" + existing.id + ", " + existing.state
                            + "); only an abandoned contract can be followed by a new one.")
                    .with("contractId", existing.id.toString());
        }
        LocalDate[] phaseYears = phaseBounds(t.phase);
        LocalDate start = request.periodStart() != null ? request.periodStart() : phaseYears[0];
        LocalDate end = request.periodEnd() != null ? request.periodEnd() : phaseYears[1];
        List<FieldError> errors = new ArrayList<>();
        if (start.isBefore(phaseYears[0])) {
            errors.add(new FieldError("periodStart", "must not be before " + phaseYears[0] + ", the start of phase " + t.phase));
        }
        if (end.isBefore(start)) {
            errors.add(new FieldError("periodEnd", "must not be before periodStart (" + start + ")"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(describe(errors), errors);
        }
        Contract c = new Contract();
        c.id = UUID.randomUUID();
        c.phase = t.phase;
        c.tiId = t.tiId;
        c.territoryName = t.name;
        c.regionCode = t.regionCode;
        c.regionCodes = t.regionCodes;
        c.periodStart = start;
        c.periodEnd = end;
        c.persist();
        c.flush();
        audit.record(caller, "contract.create", "contract", c.id.toString(), json.hash(request),
                AuditLog.Concerns.territory(c.phase, c.tiId, c.regions().toArray(String[]::new)));
        return c;
    }

    @Transactional
    public Contract transition(Caller caller, UUID id, TransitionKind kind, TransitionRequest request, String ifMatch) {
        Contract c = Contract.findForUpdate(id).orElseThrow(() -> ProblemException.notFound("No contract " + id + "."));
        Access.requireManage(caller, c);
        Preconditions.requireMatch(ifMatch, c.version, "contract " + id);
        if (!c.state.allowedNext().contains(kind.target)) {
            throw ProblemException.conflict("illegal-transition", "Transition not allowed",
                            "A contract in state " + c.state + " cannot move to " + kind.target + " ("
                                    + kind.name().toLowerCase().replace('_', ' ') + "); allowed from "
                                    + c.state + ": " + (c.state.allowedNext().isEmpty() ? "none, the contract is "
                                    + (c.state == ContractState.CLOSED ? "closed" : "abandoned")
                                    : c.state.allowedNext().stream().map(Enum::name).collect(Collectors.joining(", "))) + ".")
                    .with("currentState", c.state.name())
                    .with("requestedState", kind.target.name())
                    .with("allowedTransitions", c.state.allowedNext().stream().map(Enum::name).toList());
        }
        TerritoryProjection t = Projections.territory(c.phase, c.tiId);
        LocalDate d = request.effectiveDate();
        List<FieldError> errors = new ArrayList<>();

        // ---- dates: protocol ≤ contract ≤ amendments ≤ closure, within the (possibly extended) period
        ContractTransition previous = ContractTransition.find("contractId = ?1 order by seq desc", c.id)
                .<ContractTransition>firstResultOptional().orElse(null);
        if (d.isAfter(LocalDate.now(clock))) {
            errors.add(new FieldError("effectiveDate", "is in the future; record a step once it has happened"));
        }
        if (previous != null && d.isBefore(previous.effectiveDate)) {
            errors.add(new FieldError("effectiveDate", "must not be before the previous step ("
                    + previous.kind + " on " + previous.effectiveDate + ")"));
        }
        if (kind != TransitionKind.ABANDONMENT && (d.isBefore(c.periodStart) || d.isAfter(c.periodEnd))) {
            errors.add(new FieldError("effectiveDate", "must be within the contract period " + c.periodStart + ".."
                    + c.periodEnd + (kind == TransitionKind.CLOSURE ? " (an amendment may extend it first)" : "")));
        }

        // ---- amendment changes
        LocalDate newEnd = c.periodEnd;
        AmendmentRequest changes = request.changes();
        List<FicheAction> removed = new ArrayList<>();
        if (kind == TransitionKind.AMENDMENT) {
            if (changes == null) {
                errors.add(new FieldError("changes", "an amendment must describe its changes"));
            } else {
                if (changes.newPeriodEnd() != null) {
                    if (changes.newPeriodEnd().isBefore(d) || changes.newPeriodEnd().isBefore(c.periodStart)) {
                        errors.add(new FieldError("changes.newPeriodEnd", "must not be before the amendment's date ("
                                + d + ") nor the period start (" + c.periodStart + ")"));
                    } else {
                        newEnd = changes.newPeriodEnd();
                    }
                }
                checkActions(c, changes.actionsAdded(), "changes.actionsAdded", errors, null);
                checkActions(c, changes.actionsChanged(), "changes.actionsChanged", errors, null);
                checkActions(c, changes.actionsRemoved(), "changes.actionsRemoved", errors, removed);
                for (FicheAction a : removed) {
                    if (a.status == ActionStatus.COMPLETED) {
                        errors.add(new FieldError("changes.actionsRemoved", "fiche-action " + a.id
                                + " is COMPLETED and cannot be removed"));
                    }
                }
            }
        } else if (changes != null) {
            errors.add(new FieldError("changes", "only an amendment has changes"));
        }

        // ---- signatories
        List<SignatoryView> signatories = signatories(request.signatories(), kind, t, d, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.validation(describe(errors), errors);
        }

        // ---- apply
        ContractTransition tr = new ContractTransition();
        tr.contractId = c.id;
        tr.seq = previous == null ? 1 : previous.seq + 1;
        tr.kind = kind;
        tr.fromState = c.state;
        tr.toState = kind.target;
        tr.effectiveDate = d;
        tr.documentReference = request.documentReference();
        tr.periodEndBefore = c.periodEnd;
        tr.periodEndAfter = newEnd;
        tr.signatories = json.write(signatories);
        tr.recordedBy = caller.clientId();
        c.state = kind.target;
        switch (kind) {
            case PROTOCOL_SIGNATURE -> c.protocolSignedOn = d;
            case CONTRACT_SIGNATURE -> c.contractSignedOn = d;
            case AMENDMENT -> {
                c.amendmentCount++;
                tr.amendmentNumber = c.amendmentCount;
                Map<String, Object> stored = new LinkedHashMap<>();
                stored.put("summary", changes.summary());
                stored.put("previousPeriodEnd", c.periodEnd);
                stored.put("newPeriodEnd", changes.newPeriodEnd());
                stored.put("actionsAdded", orEmpty(changes.actionsAdded()));
                stored.put("actionsChanged", orEmpty(changes.actionsChanged()));
                stored.put("actionsRemoved", orEmpty(changes.actionsRemoved()));
                if (request.reason() != null) {
                    stored.put("reason", request.reason());
                }
                tr.changes = json.write(stored);
                c.periodEnd = newEnd;
            }
            case CLOSURE -> c.closedOn = d;
            case ABANDONMENT -> c.abandonedOn = d;
        }
        if (request.reason() != null && kind != TransitionKind.AMENDMENT) {
            tr.changes = json.write(Map.of("reason", request.reason()));
        }
        c.regionCode = t.regionCode;
        c.regionCodes = t.regionCodes;
        c.territoryName = t.name;
        c.updatedAt = Instant.now();
        tr.persist();
        for (FicheAction a : removed) {
            if (a.status != ActionStatus.ABANDONED) {
                a.status = ActionStatus.ABANDONED;
                a.updatedAt = Instant.now();
            }
        }
        c.flush();
        long actionCount = c.actionCount();
        outbox.append(ContractEvents.transition(c, kind, d, tr.documentReference, tr.amendmentNumber, actionCount));
        for (FicheAction a : removed) {
            outbox.append(ContractEvents.action(ContractEvents.ACTION_UPDATED, c, a, funding(a)));
        }
        audit.record(caller, "contract." + kind.name().toLowerCase(), "contract", c.id.toString(), json.hash(request),
                AuditLog.Concerns.territory(c.phase, c.tiId, c.regions().toArray(String[]::new)));
        return c;
    }

    @Transactional
    public Committee recordCommittee(Caller caller, UUID id, CommitteeRequest request) {
        Contract c = Contract.findForUpdate(id).orElseThrow(() -> ProblemException.notFound("No contract " + id + "."));
        Access.requireEditActions(caller, c);
        if (!c.state.isOpen()) {
            throw ProblemException.conflict("contract-not-open", "Contract is " + c.state.name().toLowerCase(),
                    "Contract " + c.id + " is " + c.state + "; no committee can be recorded on it any more.")
                    .with("currentState", c.state.name());
        }
        LocalDate d = request.heldOn();
        List<FieldError> errors = new ArrayList<>();
        if (d.isAfter(LocalDate.now(clock))) {
            errors.add(new FieldError("heldOn", "is in the future; record a committee once it has met"));
        }
        if (request.kind() == Committee.Kind.PROJET && c.contractSignedOn != null && !d.isBefore(c.contractSignedOn)) {
            errors.add(new FieldError("kind", "the comité de projet meets before the contract's signature ("
                    + c.contractSignedOn + "); from then on it is the comité de suivi (SUIVI)"));
        }
        if (request.kind() == Committee.Kind.SUIVI && (c.contractSignedOn == null || d.isBefore(c.contractSignedOn))) {
            errors.add(new FieldError("kind", "the comité de suivi meets once the contract is signed ("
                    + (c.contractSignedOn == null ? "not yet signed" : "signed on " + c.contractSignedOn)
                    + "); before, it is the comité de projet (PROJET)"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(describe(errors), errors);
        }
        Committee m = new Committee();
        m.contractId = c.id;
        m.kind = request.kind();
        m.heldOn = d;
        m.note = request.note();
        m.recordedBy = caller.clientId();
        m.persist();
        c.updatedAt = Instant.now();
        c.flush();
        audit.record(caller, "contract.committee", "contract", c.id.toString(), json.hash(request),
                AuditLog.Concerns.territory(c.phase, c.tiId, c.regions().toArray(String[]::new)));
        return m;
    }

    private void checkActions(Contract c, List<UUID> ids, String field, List<FieldError> errors, List<FicheAction> out) {
        if (ids == null) {
            return;
        }
        for (UUID id : new LinkedHashSet<>(ids)) {
            FicheAction a = FicheAction.findById(id);
            if (a == null || !a.contractId.equals(c.id)) {
                errors.add(new FieldError(field, "fiche-action " + id + " is not one of this contract's"));
            } else if (out != null) {
                out.add(a);
            }
        }
    }

    private List<SignatoryView> signatories(SignatoriesRequest s, TransitionKind kind, TerritoryProjection t,
                                            LocalDate date, List<FieldError> errors) {
        List<SignatoryView> out = new ArrayList<>();
        if (s == null) {
            if (kind.needsSignatories()) {
                errors.add(new FieldError("signatories", "required: at least the territory's EPCIs and its region sign"));
            }
            return out;
        }
        List<String> epcis = s.epcis() == null ? List.of() : s.epcis();
        if (kind.needsSignatories() && epcis.isEmpty()) {
            errors.add(new FieldError("signatories.epcis", "at least one EPCI of the territory must sign"));
        }
        if (!epcis.isEmpty()) {
            Projections.requirePerimeter(t);
            Map<String, PerimeterMember> members = new HashMap<>();
            t.perimeterOn(date).forEach(m -> members.put(m.siren, m));
            Set<String> seen = new LinkedHashSet<>();
            for (int i = 0; i < epcis.size(); i++) {
                String siren = epcis.get(i);
                String field = "signatories.epcis[" + i + "]";
                if (!seen.add(siren)) {
                    errors.add(new FieldError(field, "EPCI " + siren + " is listed twice"));
                } else if (!Codes.isSiren(siren)) {
                    errors.add(new FieldError(field, siren + " is not a valid SIREN (9 digits, Luhn check)"));
                } else if (!members.containsKey(siren)) {
                    errors.add(new FieldError(field, "EPCI " + siren + " is not in the perimeter of territory "
                            + t.key + " on " + date));
                } else {
                    out.add(new SignatoryView("EPCI", siren, members.get(siren).name, null));
                }
            }
        }
        if (s.region() == null) {
            if (kind.needsSignatories()) {
                errors.add(new FieldError("signatories.region", "the region (" + t.regionCode + ") must sign"));
            }
        } else if (!s.region().equals(t.regionCode)) {
            errors.add(new FieldError("signatories.region", "region " + s.region() + " is not the lead region of "
                    + "territory " + t.key + " (" + t.regionCode + ")" + (t.regions().contains(s.region())
                    ? "; a territory's other region signs in coRegions" : "")));
        } else {
            out.add(new SignatoryView("REGION", s.region(), null, null));
        }
        List<String> coRegions = s.coRegions() == null ? List.of() : s.coRegions();
        for (int i = 0; i < coRegions.size(); i++) {
            String code = coRegions.get(i);
            if (code.equals(t.regionCode) || !t.regions().contains(code)) {
                errors.add(new FieldError("signatories.coRegions[" + i + "]", "region " + code + " is not another "
                        + "region of territory " + t.key + " (" + (t.regions().size() > 1
                        ? String.join(", ", t.regions().subList(1, t.regions().size())) : "it is in one region only") + ")"));
            } else if (out.stream().noneMatch(v -> "REGION".equals(v.kind()) && code.equals(v.code()))) {
                out.add(new SignatoryView("REGION", code, null, null));
            }
        }
        if (s.prefet() != null) {
            List<String> departments = t.departments();
            if (!departments.isEmpty() && !departments.contains(s.prefet().departmentCode())) {
                errors.add(new FieldError("signatories.prefet.departmentCode", "department " + s.prefet().departmentCode()
                        + " is not one of the territory's (" + String.join(", ", departments) + ")"));
            } else {
                out.add(new SignatoryView("PREFET", s.prefet().departmentCode(), s.prefet().name(), null));
            }
        }
        if (s.operators() != null) {
            Set<String> seen = new LinkedHashSet<>();
            for (int i = 0; i < s.operators().size(); i++) {
                String code = Codes.operator(s.operators().get(i));
                if (code == null) {
                    errors.add(new FieldError("signatories.operators[" + i + "]", "unknown operator code "
                            + s.operators().get(i) + "; known: " + String.join(", ", Codes.operators())));
                } else if (seen.add(code)) {
                    out.add(new SignatoryView("OPERATOR", code, null, null));
                }
            }
        }
        if (s.industrialists() != null) {
            s.industrialists().forEach(i -> out.add(new SignatoryView("INDUSTRIALIST", null, i.name(), i.organisation())));
        }
        return out;
    }

    // ================================================================== reads

    public Contract get(UUID id) {
        return Contract.<Contract>findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("No contract " + id + "."));
    }

    public ContractView view(Caller caller, Contract c) {
        boolean full = Access.readsInFull(caller, c);
        List<FicheAction> actions = FicheAction.of(c.id);
        List<ActionView> actionViews = actions.stream().map(a -> actionView(a, full)).toList();
        List<TransitionView> transitions = full
                ? ContractTransition.of(c.id).stream().map(this::transitionView).toList() : null;
        return new ContractView(c.id, c.phase, c.tiId, c.territoryName, c.regionCode, c.state,
                full ? c.state.allowedNext() : null, c.periodStart, c.periodEnd, c.protocolSignedOn,
                c.contractSignedOn, c.amendmentCount, c.closedOn, c.abandonedOn, actions.size(),
                actions.stream().mapToLong(a -> a.estimatedCostCents).sum(),
                actions.stream().mapToLong(a -> a.committedCents).sum(),
                actions.stream().mapToLong(a -> a.disbursedCents).sum(),
                actionViews, transitions,
                full ? TerritoryProjection.find(c.phase, c.tiId).map(t -> json.tree(t.pilots)).orElse(null) : null,
                full ? Committee.of(c.id).stream().map(CommitteeView::of).toList() : null,
                full ? c.version : null, c.updatedAt);
    }

    public Page<ContractView> list(String phase, String tiId, String regionCode, ContractState state,
                                   String updatedSince, Integer limit, String cursor) {
        int n = Cursor.limit(limit);
        StringBuilder q = new StringBuilder("1 = 1");
        Parameters p = new Parameters();
        if (phase != null) {
            q.append(" and phase = :phase");
            p.and("phase", phase);
        }
        if (tiId != null) {
            q.append(" and tiId = :tiId");
            p.and("tiId", tiId);
        }
        if (regionCode != null) { // the lead region, or another region the territory's perimeter reaches
            q.append(" and (regionCode = :region or concat(';', regionCodes, ';') like :regionAmong)");
            p.and("region", regionCode).and("regionAmong", "%;" + regionCode + ";%");
        }
        if (state != null) {
            q.append(" and state = :state");
            p.and("state", state);
        }
        if (updatedSince != null) {
            q.append(" and updatedAt >= :since");
            p.and("since", instant(updatedSince, "updatedSince"));
        }
        String position = Cursor.decode(cursor);
        if (position != null) {
            String[] parts = position.split("\\|");
            try {
                Instant at = Instant.parse(parts[0]);
                UUID after = UUID.fromString(parts[1]);
                q.append(" and (updatedAt > :at or (updatedAt = :at and id > :after))");
                p.and("at", at).and("after", after);
            } catch (RuntimeException e) {
                throw ProblemException.badRequest("cursor is not one this API returned",
                        new FieldError("cursor", "malformed cursor"));
            }
        }
        List<Contract> page = Contract.<Contract>find(q + " order by updatedAt, id", p).range(0, n - 1).list(); // Panache ranges are inclusive
        List<ContractView> items = page.stream().map(c -> summary(c)).toList();
        String next = page.size() < n ? null
                : Cursor.encode(page.get(n - 1).updatedAt + "|" + page.get(n - 1).id);
        return new Page<>(items, next);
    }

    private ContractView summary(Contract c) {
        Object[] totals = (Object[]) Contract.getEntityManager().createQuery(
                "select count(a), coalesce(sum(a.estimatedCostCents), 0), coalesce(sum(a.committedCents), 0), "
                        + "coalesce(sum(a.disbursedCents), 0) from FicheAction a where a.contractId = :id")
                .setParameter("id", c.id).getSingleResult();
        return new ContractView(c.id, c.phase, c.tiId, c.territoryName, c.regionCode, c.state, null, c.periodStart,
                c.periodEnd, c.protocolSignedOn, c.contractSignedOn, c.amendmentCount, c.closedOn, c.abandonedOn,
                ((Number) totals[0]).longValue(), ((Number) totals[1]).longValue(), ((Number) totals[2]).longValue(),
                ((Number) totals[3]).longValue(), null, null, null, null, null, c.updatedAt);
    }

    public HistoryView history(Caller caller, UUID id, LocalDate asOf) {
        Contract c = get(id);
        Access.requireFullRead(caller, c);
        LocalDate day = asOf != null ? asOf : LocalDate.now(clock);
        List<ContractTransition> all = ContractTransition.of(c.id);
        ContractState state = ContractState.PREPARATION;
        LocalDate periodEnd = all.isEmpty() ? c.periodEnd : all.get(0).periodEndBefore;
        LocalDate protocol = null, contract = null, closed = null, abandoned = null;
        int amendments = 0;
        List<TransitionView> upTo = new ArrayList<>();
        for (ContractTransition t : all) {
            if (t.effectiveDate.isAfter(day)) {
                break;
            }
            state = t.toState;
            periodEnd = t.periodEndAfter;
            switch (t.kind) {
                case PROTOCOL_SIGNATURE -> protocol = t.effectiveDate;
                case CONTRACT_SIGNATURE -> contract = t.effectiveDate;
                case AMENDMENT -> amendments++;
                case CLOSURE -> closed = t.effectiveDate;
                case ABANDONMENT -> abandoned = t.effectiveDate;
            }
            upTo.add(transitionView(t));
        }
        return new HistoryView(c.id, day, state, c.periodStart, periodEnd, protocol, contract, amendments, closed,
                abandoned, upTo);
    }

    TransitionView transitionView(ContractTransition t) {
        return new TransitionView(t.seq, t.kind, t.fromState, t.toState, t.effectiveDate, t.documentReference,
                t.amendmentNumber, json.tree(t.changes), t.periodEndAfter, json.read(t.signatories, SIGNATORIES),
                t.recordedBy, t.recordedAt);
    }

    ActionView actionView(FicheAction a, boolean full) {
        List<ActionRequest.FundingRequest> funding = json.read(a.requestedFunding, FUNDING);
        long requested = funding.stream().mapToLong(ActionRequest.FundingRequest::amountCents).sum();
        if (!full) {
            return new ActionView(a.id, null, a.title, null, null, null, null, null, null, a.estimatedCostCents,
                    null, requested, a.status, null, a.committedCents, a.disbursedCents, null, null);
        }
        return new ActionView(a.id, a.contractId, a.title, a.description, a.axis, a.measures(), a.actionDate,
                new ActionRequest.LeadOrganisation(a.leadName, a.leadSiren, a.leadSiret), a.epciSiren,
                a.estimatedCostCents, funding, requested, a.status, a.status.allowedNext(), a.committedCents,
                a.disbursedCents, a.version, a.updatedAt);
    }

    List<ContractEvents.Funding> funding(FicheAction a) {
        return json.read(a.requestedFunding, FUNDING).stream()
                .map(f -> new ContractEvents.Funding(f.operator(), f.amountCents())).toList();
    }

    // ================================================================== helpers

    /** 2019-2022 → [2019-01-01, 2022-12-31]. */
    static LocalDate[] phaseBounds(String phase) {
        int first = Integer.parseInt(phase.substring(0, 4));
        int last = Integer.parseInt(phase.substring(5, 9));
        return new LocalDate[]{LocalDate.of(first, 1, 1), LocalDate.of(last, 12, 31)};
    }

    static String describe(List<FieldError> errors) {
        return errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; "));
    }

    private static List<UUID> orEmpty(List<UUID> ids) {
        return ids == null ? List.of() : List.copyOf(new LinkedHashSet<>(ids));
    }

    private static Instant instant(String value, String field) {
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(field + " must be an ISO-8601 date or instant",
                    new FieldError(field, "not an ISO-8601 date (2019-06-20) or instant (2019-06-20T10:00:00Z)"));
        }
    }
}
