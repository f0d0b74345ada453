package fr.gouv.ti.measure.service;

import fr.gouv.ti.commons.audit.AuditLog;
import fr.gouv.ti.commons.outbox.Outbox;
import fr.gouv.ti.commons.problem.Problem.FieldError;
import fr.gouv.ti.commons.problem.ProblemException;
import fr.gouv.ti.commons.security.Caller;
import fr.gouv.ti.commons.security.Role;
import fr.gouv.ti.measure.domain.Axis;
import fr.gouv.ti.measure.domain.CatalogueVersion;
import fr.gouv.ti.measure.domain.MeasureEntry;
import fr.gouv.ti.measure.rest.MeasureRequest;
import fr.gouv.ti.measure.rest.NewDraft;
import fr.gouv.ti.measure.rest.PublishRequest;
import fr.gouv.ti.measure.rest.RetireRequest;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Writes to the catalogue, for the national administrator only: open a draft (a copy of the current version), edit its
 * measures under If-Match, publish it (immutable from then on) or discard it. Every write is audited in its own
 * transaction; publishing appends the events to the outbox in the same transaction.
 */
@ApplicationScoped
public class CatalogueEditor {

    /** Serialises catalogue writes (draft creation, publication) across instances. */
    private static final long CATALOGUE_LOCK = 0x54495f4341544cL; // "TI_CATL"

    private final Outbox outbox;
    private final AuditLog audit;
    private final ReferenceData reference;

    /** A measure of the draft after an edit, with the draft (whose new revision is the ETag to send next). */
    public record Edited(CatalogueVersion draft, MeasureEntry measure) {
    }

    public CatalogueEditor(Outbox outbox, AuditLog audit, ReferenceData reference) {
        this.outbox = outbox;
        this.audit = audit;
        this.reference = reference;
    }

    @Transactional
    public CatalogueVersion openDraft(Caller caller, NewDraft request, String requestHash) {
        caller.require(Role.NATIONAL_ADMIN);
        lockCatalogue();
        CatalogueVersion.draft().ifPresent(d -> {
            throw ProblemException.conflict("draft-exists", "A draft is already open",
                    "Catalogue version " + d.number + " is an open draft: edit it, publish it or discard it first.")
                    .with("draftNumber", d.number);
        });
        if (request.officialCount() != null && blank(request.officialCountSource())) {
            throw ProblemException.validation("An official count needs its source.",
                    List.of(new FieldError("officialCountSource", "required when officialCount is given")));
        }
        CatalogueVersion base = CatalogueVersion.latest().orElse(null);
        CatalogueVersion v = new CatalogueVersion();
        v.number = CatalogueVersion.nextNumber();
        v.label = request.label().trim();
        v.basedOn = base == null ? null : base.number;
        v.officialCount = request.officialCount();
        v.officialCountSource = request.officialCountSource();
        v.officialCountNote = request.officialCountNote();
        v.persist();
        if (base != null) {
            for (MeasureEntry m : MeasureEntry.ofVersion(base)) {
                m.copyInto(v).persist();
            }
        }
        audit.record(caller, "catalogue.draft.open", "catalogue_version", String.valueOf(v.number), requestHash);
        return v;
    }

    @Transactional
    public Edited addMeasure(Caller caller, int number, String ifMatch, MeasureRequest request, String requestHash) {
        CatalogueVersion v = editableDraft(caller, number, ifMatch);
        Axis axis = validate(request);
        String code = request.code();
        if (code == null) {
            code = nextCode(axis.code);
        } else {
            if (!code.startsWith(axis.code + "-")) {
                throw ProblemException.validation("A new measure's code starts with its axis code.",
                        List.of(new FieldError("code", "must start with " + axis.code + "- (axis " + axis.code + ")")));
            }
            if (MeasureEntry.count("code", code) > 0) {
                throw ProblemException.conflict("duplicate-measure-code", "Measure code already used",
                        "Code " + code + " is already used" + (MeasureEntry.inVersion(v, code).isPresent()
                                ? " in this draft" : " by an earlier version")
                                + "; codes are stable and never reused. Omit the code to get the next free one.")
                        .with("code", code);
            }
        }
        MeasureEntry m = new MeasureEntry();
        m.version = v;
        m.code = code;
        apply(m, axis, request);
        m.persist();
        touch(v);
        audit.record(caller, "catalogue.measure.add", "measure", v.number + "/" + code, requestHash);
        return new Edited(v, m);
    }

    @Transactional
    public Edited updateMeasure(Caller caller, int number, String code, String ifMatch, MeasureRequest request,
                                      String requestHash) {
        CatalogueVersion v = editableDraft(caller, number, ifMatch);
        if (request.code() != null && !request.code().equals(code)) {
            throw ProblemException.badRequest("A measure's code never changes; the body's code must be absent or "
                    + code + ".", new FieldError("code", "must be absent or equal to " + code));
        }
        MeasureEntry m = draftMeasure(v, code);
        if (MeasureEntry.RETIRED.equals(m.status)) {
            throw ProblemException.conflict("measure-retired", "Measure retired",
                    "Measure " + code + " is retired in this draft; a retired measure is kept as it was.")
                    .with("currentState", m.status);
        }
        Axis axis = validate(request);
        apply(m, axis, request);
        m.updatedAt = Instant.now();
        touch(v);
        audit.record(caller, "catalogue.measure.update", "measure", v.number + "/" + code, requestHash);
        return new Edited(v, m);
    }

    @Transactional
    public Edited retireMeasure(Caller caller, int number, String code, String ifMatch, RetireRequest request,
                                      String requestHash) {
        CatalogueVersion v = editableDraft(caller, number, ifMatch);
        MeasureEntry m = draftMeasure(v, code);
        if (MeasureEntry.RETIRED.equals(m.status)) {
            throw ProblemException.conflict("measure-retired", "Measure already retired",
                    "Measure " + code + " was retired on " + m.retiredOn + ".").with("currentState", m.status);
        }
        if (m.validFrom != null && request.retiredOn().isBefore(m.validFrom)) {
            throw ProblemException.validation("A measure cannot be retired before it is valid.",
                    List.of(new FieldError("retiredOn", "must not be before validFrom " + m.validFrom)));
        }
        m.status = MeasureEntry.RETIRED;
        m.retiredOn = request.retiredOn();
        if (m.validTo == null || m.validTo.isAfter(m.retiredOn)) {
            m.validTo = m.retiredOn;
        }
        m.updatedAt = Instant.now();
        touch(v);
        audit.record(caller, "catalogue.measure.retire", "measure", v.number + "/" + code, requestHash);
        return new Edited(v, m);
    }

    /** Only a measure added in this draft can be removed; a published one is retired instead (it stays readable). */
    @Transactional
    public CatalogueVersion removeMeasure(Caller caller, int number, String code, String ifMatch) {
        CatalogueVersion v = editableDraft(caller, number, ifMatch);
        MeasureEntry m = draftMeasure(v, code);
        if (MeasureEntry.count("code = ?1 and version.status = ?2", code, CatalogueVersion.PUBLISHED) > 0) {
            throw ProblemException.conflict("measure-published", "Published measure",
                    "Measure " + code + " belongs to a published version: retire it instead "
                            + "(POST .../measures/" + code + "/retire), so that it stays readable.");
        }
        m.delete();
        touch(v);
        audit.record(caller, "catalogue.measure.remove", "measure", v.number + "/" + code, null);
        return v;
    }

    @Transactional
    public CatalogueVersion publish(Caller caller, int number, String ifMatch, PublishRequest request,
                                    String requestHash) {
        caller.require(Role.NATIONAL_ADMIN);
        lockCatalogue();
        CatalogueVersion v = editableDraft(caller, number, ifMatch);
        CatalogueVersion latest = CatalogueVersion.latest().orElse(null);
        if (latest != null && request.effectiveDate().isBefore(latest.effectiveDate)) {
            throw ProblemException.validation("A new version cannot take effect before the latest published one.",
                    List.of(new FieldError("effectiveDate", "must be on or after " + latest.effectiveDate
                            + " (effective date of version " + latest.number + ", the latest published)")));
        }
        List<MeasureEntry> entries = MeasureEntry.ofVersion(v);
        Map<String, MeasureEntry> before = latest == null ? Map.of()
                : MeasureEntry.ofVersion(latest).stream().collect(Collectors.toMap(m -> m.code, Function.identity()));
        if (request.label() != null && !request.label().isBlank()) {
            v.label = request.label().trim();
        }
        v.effectiveDate = request.effectiveDate();
        v.status = CatalogueVersion.PUBLISHED;
        v.publishedAt = Instant.now();
        v.updatedAt = v.publishedAt;
        v.revision++;
        outbox.append(MeasureEvents.published(v, entries));
        for (MeasureEntry m : entries) {
            MeasureEntry old = before.get(m.code);
            if (MeasureEntry.RETIRED.equals(m.status) && (old == null || !MeasureEntry.RETIRED.equals(old.status))) {
                outbox.append(MeasureEvents.retired(v, m));
            }
        }
        audit.record(caller, "catalogue.publish", "catalogue_version", String.valueOf(v.number), requestHash);
        return v;
    }

    @Transactional
    public void discardDraft(Caller caller, int number, String ifMatch) {
        CatalogueVersion v = editableDraft(caller, number, ifMatch);
        audit.record(caller, "catalogue.draft.discard", "catalogue_version", String.valueOf(v.number), null);
        v.delete();
    }

    /** The draft, locked for the rest of the transaction; 404, 409 (published: immutable), 428/412 (If-Match). */
    private CatalogueVersion editableDraft(Caller caller, int number, String ifMatch) {
        caller.require(Role.NATIONAL_ADMIN);
        CatalogueVersion v = CatalogueVersion.findByNumberForUpdate(number).orElseThrow(() ->
                ProblemException.notFound("No catalogue version " + number + "."));
        if (!v.isDraft()) {
            throw ProblemException.conflict("version-published", "Published version is immutable",
                    "Catalogue version " + number + " was published on " + v.effectiveDate + " and can no longer "
                            + "change. Open a draft (POST /api/v1/catalogue/versions), edit it and publish it.")
                    .with("currentState", v.status);
        }
        Etags.requireMatch(ifMatch, v);
        return v;
    }

    private static MeasureEntry draftMeasure(CatalogueVersion v, String code) {
        return MeasureEntry.inVersion(v, code).orElseThrow(() -> ProblemException.notFound(
                "No measure " + code + " in draft " + v.number + "."));
    }

    /** Checks the request against reference data; all problems at once, as 422 field errors. */
    private Axis validate(MeasureRequest r) {
        List<FieldError> errors = new ArrayList<>();
        Axis axis = reference.axis(r.axis()).orElse(null);
        if (axis == null) {
            errors.add(new FieldError("axis", "unknown axis " + r.axis() + "; known: " + reference.knownAxes()));
        }
        for (int i = 0; i < r.operators().size(); i++) {
            String op = r.operators().get(i);
            if (reference.resolveOperator(op).isEmpty()) {
                errors.add(new FieldError("operators[" + i + "]", "unknown operator " + op + "; known: "
                        + reference.knownOperators()));
            }
        }
        Set<String> resolved = new LinkedHashSet<>();
        r.operators().forEach(op -> reference.resolveOperator(op).ifPresent(resolved::add));
        if (resolved.size() < r.operators().stream().filter(op -> reference.resolveOperator(op).isPresent()).count()) {
            errors.add(new FieldError("operators", "lists the same operator twice"));
        }
        if (r.validFrom() != null && r.validTo() != null && r.validTo().isBefore(r.validFrom())) {
            errors.add(new FieldError("validTo", "must not be before validFrom"));
        }
        if (blank(r.sourceUrl()) && blank(r.sourceCitation())) {
            errors.add(new FieldError("sourceUrl", "a measure needs its source: a URL, or a sourceCitation for a "
                    + "printed source"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors.stream().map(e -> e.field() + ": " + e.message())
                    .collect(Collectors.joining("; ")), errors);
        }
        return axis;
    }

    private void apply(MeasureEntry m, Axis axis, MeasureRequest r) {
        m.axisCode = axis.code;
        m.phase = axis.phase;
        m.titleFr = r.titleFr().trim();
        m.titleEn = blank(r.titleEn()) ? null : r.titleEn().trim();
        m.description = blank(r.description()) ? null : r.description().trim();
        List<String> ops = new ArrayList<>();
        r.operators().forEach(op -> ops.add(reference.resolveOperator(op).orElseThrow()));
        m.operators.clear();
        m.operators.addAll(ops);
        m.envelopeCents = r.envelopeCents();
        m.validFrom = r.validFrom();
        m.validTo = r.validTo();
        m.firstSeen = r.firstSeen();
        m.sourceUrl = blank(r.sourceUrl()) ? null : r.sourceUrl();
        m.sourceCitation = blank(r.sourceCitation()) ? null : r.sourceCitation();
        m.wording = r.wording().name();
        m.wordingNote = blank(r.wordingNote()) ? null : r.wordingNote();
        m.searchText = SearchText.of(m);
    }

    /** Next free code of an axis, over every version (codes are never reused): RECRUTER-07 after RECRUTER-06. */
    static String nextCode(String axis) {
        List<String> codes = Panache.getEntityManager().createQuery(
                        "select distinct m.code from MeasureEntry m where m.code like :prefix", String.class)
                .setParameter("prefix", axis + "-%").getResultList();
        int max = 0;
        for (String c : codes) {
            if (!c.startsWith(axis + "-")) {
                continue;
            }
            String n = c.substring(axis.length() + 1);
            if (n.matches("\\d{2,3}")) {
                max = Math.max(max, Integer.parseInt(n));
            }
        }
        return String.format("%s-%02d", axis, max + 1);
    }

    private static void touch(CatalogueVersion v) {
        v.revision++;
        v.updatedAt = Instant.now();
    }

    static void lockCatalogue() {
        Panache.getEntityManager().createNativeQuery("select pg_advisory_xact_lock(" + CATALOGUE_LOCK + ")")
                .getSingleResult();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
