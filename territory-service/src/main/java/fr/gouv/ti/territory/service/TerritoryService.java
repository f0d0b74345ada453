package fr.gouv.ti.territory.service;

import fr.gouv.ti.commons.audit.AuditLog;
import fr.gouv.ti.commons.outbox.Outbox;
import fr.gouv.ti.commons.paging.Cursor;
import fr.gouv.ti.commons.problem.Problem;
import fr.gouv.ti.commons.problem.ProblemException;
import fr.gouv.ti.commons.security.Caller;
import fr.gouv.ti.commons.security.Role;
import fr.gouv.ti.territory.domain.Department;
import fr.gouv.ti.territory.domain.Member;
import fr.gouv.ti.territory.domain.Membership;
import fr.gouv.ti.territory.domain.Phase;
import fr.gouv.ti.territory.domain.Pilot;
import fr.gouv.ti.territory.domain.Territory;
import fr.gouv.ti.territory.domain.TerritoryFilter;
import fr.gouv.ti.territory.domain.TerritoryRepository;
import fr.gouv.ti.territory.rest.Delabelling;
import fr.gouv.ti.territory.rest.MemberInput;
import fr.gouv.ti.territory.rest.NewPhase;
import fr.gouv.ti.territory.rest.NewTerritory;
import fr.gouv.ti.territory.rest.PerimeterChange;
import fr.gouv.ti.territory.rest.PilotInput;
import fr.gouv.ti.territory.rest.PilotsInput;
import fr.gouv.ti.territory.rest.TerritoryChanges;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads (open data) and administrative writes of the registry; every write emits its event and an audit row. */
@ApplicationScoped
public class TerritoryService {

    private static final Pattern PHASE = Pattern.compile("[0-9]{4}-[0-9]{4}");
    private static final Pattern TI_ID = Pattern.compile("ti-[0-9]{4}");

    private final TerritoryRepository repository;
    private final ReferenceData references;
    private final Perimeters perimeters;
    private final Outbox outbox;
    private final AuditLog audit;

    private final java.time.Clock clock;

    public TerritoryService(TerritoryRepository repository, ReferenceData references, Perimeters perimeters,
                            Outbox outbox, AuditLog audit, java.time.Clock clock) {
        this.clock = clock;
        this.repository = repository;
        this.references = references;
        this.perimeters = perimeters;
        this.outbox = outbox;
        this.audit = audit;
    }

    // ================================================================= reads

    /** Raw list parameters, validated here so that a bad value is a 400 with the parameter named. */
    public record ListQuery(String phase, String region, String department, String siren, String nature,
                            String status, String q, String updatedSince, Integer limit, String cursor) {
    }

    public record Listed(List<Territory> items, String nextCursor) {
    }

    public Listed list(ListQuery q) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (q.phase() != null && !PHASE.matcher(q.phase()).matches()) {
            errors.add(new Problem.FieldError("phase", "must look like 2019-2022"));
        }
        if (q.region() != null && !references.regions().containsKey(q.region())) {
            errors.add(new Problem.FieldError("region", "unknown region code '" + q.region() + "'"));
        }
        if (q.department() != null && !references.departments().containsKey(q.department())) {
            errors.add(new Problem.FieldError("department", "unknown department code '" + q.department() + "'"));
        }
        if (q.siren() != null && !Siren.valid(q.siren())) {
            errors.add(new Problem.FieldError("siren", Siren.problem(q.siren())));
        }
        if (q.nature() != null && !Member.NATURES.contains(q.nature())) {
            errors.add(new Problem.FieldError("nature", "must be one of " + String.join(", ", Member.NATURES)));
        }
        if (q.status() != null && !Set.of(Territory.LABELLED, Territory.DELABELLED).contains(q.status())) {
            errors.add(new Problem.FieldError("status", "must be LABELLED or DELABELLED"));
        }
        if (q.q() != null && q.q().length() > 200) {
            errors.add(new Problem.FieldError("q", "at most 200 characters"));
        }
        Instant since = null;
        if (q.updatedSince() != null) {
            try {
                since = OffsetDateTime.parse(q.updatedSince()).toInstant();
            } catch (DateTimeParseException e) {
                try {
                    since = LocalDate.parse(q.updatedSince()).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
                } catch (DateTimeParseException e2) {
                    errors.add(new Problem.FieldError("updatedSince",
                            "must be an ISO-8601 timestamp (2026-01-31T10:00:00Z) or date (2026-01-31)"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest(errors.stream().map(e -> e.field() + ": " + e.message())
                    .reduce((a, b) -> a + "; " + b).orElse(""), errors.toArray(Problem.FieldError[]::new));
        }
        int limit = Cursor.limit(q.limit());
        String afterPhase = null;
        String afterTiId = null;
        String position = Cursor.decode(q.cursor());
        if (position != null) {
            String[] parts = position.split("/", -1);
            if (parts.length != 2 || !PHASE.matcher(parts[0]).matches() || !TI_ID.matcher(parts[1]).matches()) {
                throw ProblemException.badRequest("cursor is not one this API returned",
                        new Problem.FieldError("cursor", "malformed cursor"));
            }
            afterPhase = parts[0];
            afterTiId = parts[1];
        }
        List<Territory> found = repository.search(new TerritoryFilter(q.phase(), q.region(), q.department(),
                q.siren(), q.nature(), q.status(), q.q() == null ? List.of() : SearchText.tokens(q.q()), since,
                afterPhase, afterTiId, limit + 1));
        String next = null;
        if (found.size() > limit) {
            found = found.subList(0, limit);
            next = Cursor.encode(found.get(limit - 1).key());
        }
        return new Listed(found, next);
    }

    public Territory get(String phase, String tiId) {
        return find(phase, tiId).orElseThrow(() -> notFound(phase, tiId));
    }

    public Optional<Territory> find(String phase, String tiId) {
        return repository.find(phase, tiId);
    }

    public static ProblemException notFound(String phase, String tiId) {
        return ProblemException.notFound("No territory " + tiId + " in phase " + phase + ".");
    }

    public List<Membership> territoriesOf(String siren) {
        String problem = Siren.problem(siren);
        if (problem != null) {
            throw ProblemException.badRequest(problem, new Problem.FieldError("siren", problem));
        }
        return repository.membershipsOf(siren);
    }

    public Map<String, Department> departments() {
        return references.departments();
    }

    public List<Phase> phases() {
        return repository.phases();
    }

    // ================================================================= writes

    @Transactional
    public Phase createPhase(Caller caller, NewPhase request) {
        caller.require(Role.NATIONAL_ADMIN);
        if (request.endsOn().isBefore(request.startsOn())) {
            throw ProblemException.validation("endsOn is before startsOn",
                    List.of(new Problem.FieldError("endsOn", "must not be before startsOn")));
        }
        Phase p = new Phase(request.code(), request.startsOn(), request.endsOn());
        var existing = repository.phase(request.code());
        if (existing.isPresent()) {
            if (existing.get().equals(p)) {
                return p;
            }
            throw ProblemException.conflict("phase-exists", "Phase already exists",
                    "Phase " + p.code() + " exists with other dates (" + existing.get().startsOn() + " to "
                            + existing.get().endsOn() + ").");
        }
        repository.insertPhase(p);
        audit.record(caller, "phase.create", "phase", p.code(), null);
        return p;
    }

    @Transactional
    public Territory label(Caller caller, NewTerritory request) {
        caller.require(Role.NATIONAL_ADMIN);
        repository.lockSeed(); // serialises with imports and other labels: a duplicate is a 409, never a 500
        Map<String, Department> departments = references.departments();
        List<Problem.FieldError> errors = new ArrayList<>();
        Phase newPhase = null;
        if (repository.phase(request.phase()).isEmpty()) {
            String problem = newPhaseProblem(request.phase());
            if (problem != null) {
                errors.add(new Problem.FieldError("phase", problem));
            } else {
                newPhase = phaseOf(request.phase());
            }
        }
        if (!references.regions().containsKey(request.regionCode())) {
            errors.add(new Problem.FieldError("regionCode", "unknown region code '" + request.regionCode() + "'"));
        }
        List<Perimeters.Desired> members = desired("perimeter", request.perimeter(), departments, errors);
        if (errors.isEmpty()) {
            String regionProblem = Perimeters.regionProblem(request.regionCode(), members, departments);
            if (regionProblem != null) {
                errors.add(new Problem.FieldError("regionCode", regionProblem));
            }
        }
        failIfAny(errors);
        if (repository.find(request.phase(), request.tiId()).isPresent()) {
            throw ProblemException.conflict("territory-exists", "Territory already exists",
                    "Territory " + request.tiId() + " already exists in phase " + request.phase() + ".");
        }
        if (newPhase != null) {
            repository.insertPhase(newPhase);
            audit.record(caller, "phase.create", "phase", newPhase.code(), null);
        }
        LocalDate joinedOn = request.labelledOn() != null ? request.labelledOn() : LocalDate.now(clock);
        long id = repository.insertTerritories(List.of(new TerritoryRepository.NewTerritory(request.phase(),
                request.tiId(), request.name(), request.regionCode(), Territory.LABELLED, request.labelledOn(),
                blankToNull(request.notes())))).get(0);
        perimeters.apply(List.of(new Perimeters.Applied(id,
                new Perimeters.Diff(members, List.of(), List.of(), List.of()), joinedOn)));
        repository.replacePilots(id, pilots(request.pilots()));
        return emit(caller, id, TerritoryEvents.LABELLED, "territory.label");
    }

    /**
     * A territory may open a new phase: its code gives its years (2030-2034 runs from 2030-01-01 to 2034-12-31); it
     * must not overlap an existing phase (so that a typo such as 2019-2023 is refused).
     */
    private String newPhaseProblem(String code) {
        Phase p = phaseOf(code);
        if (p.endsOn().isBefore(p.startsOn()) || p.endsOn().getYear() - p.startsOn().getYear() > 10) {
            return "phase " + code + " is not a span of 1 to 11 years";
        }
        for (Phase existing : repository.phases()) {
            if (!p.startsOn().isAfter(existing.endsOn()) && !existing.startsOn().isAfter(p.endsOn())) {
                return "unknown phase " + code + "; it overlaps phase " + existing.code() + " (known: "
                        + repository.phases().stream().map(Phase::code).toList() + ")";
            }
        }
        return null;
    }

    private static Phase phaseOf(String code) {
        int from = Integer.parseInt(code.substring(0, 4));
        int to = Integer.parseInt(code.substring(5, 9));
        return new Phase(code, LocalDate.of(from, 1, 1), LocalDate.of(to, 12, 31));
    }

    @Transactional
    public Territory update(Caller caller, String phase, String tiId, String ifMatch, TerritoryChanges changes) {
        caller.require(Role.NATIONAL_ADMIN);
        Territory t = lock(phase, tiId, ifMatch);
        List<Problem.FieldError> errors = new ArrayList<>();
        String region = changes.regionCode() != null ? changes.regionCode() : t.regionCode();
        if (!references.regions().containsKey(region)) {
            errors.add(new Problem.FieldError("regionCode", "unknown region code '" + region + "'"));
        } else {
            List<Perimeters.Desired> current = t.currentPerimeter().stream().map(m -> new Perimeters.Desired(
                    m.siren(), m.name(), m.officialName(), m.nature(), m.departmentCodes())).toList();
            String regionProblem = Perimeters.regionProblem(region, current, references.departments());
            if (regionProblem != null) {
                errors.add(new Problem.FieldError("regionCode", regionProblem));
            }
        }
        failIfAny(errors);
        String name = changes.name() != null ? changes.name() : t.name();
        String notes = changes.notes() != null ? blankToNull(changes.notes()) : t.notes();
        LocalDate labelledOn = changes.labelledOn() != null ? changes.labelledOn() : t.labelledOn();
        if (name.equals(t.name()) && region.equals(t.regionCode()) && Objects.equals(notes, t.notes())
                && Objects.equals(labelledOn, t.labelledOn())) {
            return t;
        }
        repository.update(List.of(new TerritoryRepository.TerritoryUpdate(t.id(), name, region, t.status(), labelledOn,
                t.delabelledOn(), notes)));
        return emit(caller, t.id(), TerritoryEvents.UPDATED, "territory.update");
    }

    @Transactional
    public Territory delabel(Caller caller, String phase, String tiId, String ifMatch, Delabelling request) {
        caller.require(Role.NATIONAL_ADMIN);
        Territory t = lock(phase, tiId, ifMatch);
        if (!t.labelled()) {
            throw ProblemException.conflict("already-delabelled", "Territory already delabelled",
                    "Territory " + t.key() + " was delabelled on " + t.delabelledOn() + ".")
                    .with("currentState", t.status());
        }
        LocalDate on = request != null && request.effectiveDate() != null ? request.effectiveDate() : LocalDate.now(clock);
        repository.update(List.of(new TerritoryRepository.TerritoryUpdate(t.id(), t.name(), t.regionCode(),
                Territory.DELABELLED, t.labelledOn(), on, t.notes())));
        return emit(caller, t.id(), TerritoryEvents.DELABELLED, "territory.delabel");
    }

    @Transactional
    public Territory changePerimeter(Caller caller, String phase, String tiId, String ifMatch, PerimeterChange change) {
        caller.require(Role.NATIONAL_ADMIN);
        Territory t = lock(phase, tiId, ifMatch);
        Map<String, Department> departments = references.departments();
        List<Problem.FieldError> errors = new ArrayList<>();
        List<Perimeters.Desired> members = desired("members", change.members(), departments, errors);
        failIfAny(errors);
        String regionProblem = Perimeters.regionProblem(t.regionCode(), members, departments);
        if (regionProblem != null) {
            errors.add(new Problem.FieldError("members", regionProblem));
        }
        Perimeters.Diff diff = Perimeters.diff(t, members);
        String dateProblem = Perimeters.effectiveDateProblem(diff, change.effectiveDate());
        if (dateProblem != null) {
            errors.add(new Problem.FieldError("effectiveDate", dateProblem));
        }
        failIfAny(errors);
        if (diff.isEmpty()) {
            return t;
        }
        perimeters.apply(List.of(new Perimeters.Applied(t.id(), diff, change.effectiveDate())));
        repository.update(List.of(TerritoryRepository.TerritoryUpdate.of(t)));
        return emit(caller, t.id(), diff.membershipChanged() ? TerritoryEvents.PERIMETER_CHANGED
                : TerritoryEvents.UPDATED, "territory.perimeter");
    }

    @Transactional
    public Territory setPilots(Caller caller, String phase, String tiId, String ifMatch, PilotsInput request) {
        caller.require(Role.NATIONAL_ADMIN);
        Territory t = lock(phase, tiId, ifMatch);
        List<Pilot> pilots = pilots(request.pilots());
        if (pilots.equals(t.pilots())) {
            return t;
        }
        repository.replacePilots(t.id(), pilots);
        repository.update(List.of(TerritoryRepository.TerritoryUpdate.of(t)));
        return emit(caller, t.id(), TerritoryEvents.UPDATED, "territory.pilots");
    }

    // ================================================================= helpers

    private Territory lock(String phase, String tiId, String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ProblemException(428, "precondition-required", "If-Match required",
                    "Send If-Match with the ETag of the territory you read (GET), so that you do not overwrite "
                            + "a change you have not seen.");
        }
        Territory t = repository.findForUpdate(phase, tiId).orElseThrow(() ->
                ProblemException.notFound("No territory " + tiId + " in phase " + phase + "."));
        String given = ifMatch.trim();
        if (!given.equals("*") && !given.equals(t.etag()) && !given.equals("W/" + t.etag())) {
            throw new ProblemException(412, "precondition-failed", "Territory changed since you read it",
                    "If-Match " + given + " does not match the current ETag " + t.etag()
                            + "; read the territory again and retry.").with("currentEtag", t.etag());
        }
        return t;
    }

    private Territory emit(Caller caller, long id, String type, String action) {
        Territory t = repository.byIds(List.of(id)).get(0);
        repository.updateSearchText(Map.of(id, SearchText.of(t)));
        outbox.append(TerritoryEvents.event(type, t, references.departments()));
        audit.record(caller, action, "territory", t.key(), null,
                AuditLog.Concerns.territory(t.phase(), t.tiId(), t.regionCode()));
        return t;
    }

    private static List<Perimeters.Desired> desired(String field, List<MemberInput> inputs,
                                                    Map<String, Department> departments,
                                                    List<Problem.FieldError> errors) {
        List<Perimeters.Desired> out = new ArrayList<>();
        if (inputs == null) {
            return out;
        }
        for (int i = 0; i < inputs.size(); i++) {
            MemberInput m = inputs.get(i);
            Perimeters.Desired d = new Perimeters.Desired(m.siren(), m.name().trim(),
                    blankToNull(m.officialName()), m.nature(), List.copyOf(m.departmentCodes()));
            for (Perimeters.Issue issue : Perimeters.check(d, departments)) {
                errors.add(new Problem.FieldError(field + "[" + i + "]." + issue.field(), issue.message()));
            }
            out.add(d);
        }
        for (String dup : Perimeters.duplicates(out)) {
            errors.add(new Problem.FieldError(field, "groupement " + dup + " is listed twice"));
        }
        return out;
    }

    private static List<Pilot> pilots(List<PilotInput> inputs) {
        return inputs == null ? List.of() : inputs.stream()
                .map(p -> new Pilot(p.name().trim(), p.role(), blankToNull(p.organisation()))).toList();
    }

    private static void failIfAny(List<Problem.FieldError> errors) {
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors.stream().map(e -> e.field() + ": " + e.message())
                    .reduce((a, b) -> a + "; " + b).orElse("") + ". Nothing was written.", errors);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
