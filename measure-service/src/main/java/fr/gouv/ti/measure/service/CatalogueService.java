package fr.gouv.ti.measure.service;

import fr.gouv.ti.commons.paging.Cursor;
import fr.gouv.ti.commons.paging.Page;
import fr.gouv.ti.commons.problem.Problem.FieldError;
import fr.gouv.ti.commons.problem.ProblemException;
import fr.gouv.ti.commons.security.Caller;
import fr.gouv.ti.commons.security.Role;
import fr.gouv.ti.measure.domain.CatalogueVersion;
import fr.gouv.ti.measure.domain.MeasureEntry;
import fr.gouv.ti.measure.rest.DiffView;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Reads of the catalogue: versions, measures of a version (filtered), the version in force on a date, diffs. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class CatalogueService {

    public static final List<String> STATUSES = List.of(MeasureEntry.ACTIVE, MeasureEntry.RETIRED);

    private final ReferenceData reference;
    private final Clock clock;

    public CatalogueService(ReferenceData reference, Clock clock) {
        this.reference = reference;
        this.clock = clock;
    }

    public record MeasureFilter(String phase, String axis, String operator, String status, String text,
                                Instant updatedSince) {
    }

    /** The version asked for: by number, or in force on a date, or (neither) the current one. */
    public CatalogueVersion resolve(Caller caller, Integer number, LocalDate asOf) {
        if (number != null && asOf != null) {
            throw ProblemException.badRequest("Give either version or asOf, not both.",
                    new FieldError("asOf", "cannot be combined with version"));
        }
        if (number != null) {
            return visible(caller, number);
        }
        if (asOf != null) {
            return CatalogueVersion.asOf(asOf).orElseThrow(() -> ProblemException.notFound(
                    "No catalogue version was in force on " + asOf + firstEffective() + "."));
        }
        return current().orElseThrow(() -> ProblemException.notFound("No catalogue version is published yet."));
    }

    public java.util.Optional<CatalogueVersion> current() {
        return CatalogueVersion.current(LocalDate.now(clock));
    }

    /** A version by number; a draft exists only for the national administrator (404 for everyone else). */
    public CatalogueVersion visible(Caller caller, int number) {
        CatalogueVersion v = CatalogueVersion.findByNumber(number).orElse(null);
        if (v == null || (v.isDraft() && !caller.is(Role.NATIONAL_ADMIN))) {
            throw ProblemException.notFound("No catalogue version " + number + ".");
        }
        return v;
    }

    public List<CatalogueVersion> versions(Caller caller, Instant updatedSince) {
        List<CatalogueVersion> all = updatedSince == null
                ? CatalogueVersion.list("order by number")
                : CatalogueVersion.list("updatedAt > ?1 order by number", updatedSince);
        return all.stream().filter(v -> !v.isDraft() || caller.is(Role.NATIONAL_ADMIN)).toList();
    }

    public long count(CatalogueVersion v, String status) {
        return status == null ? MeasureEntry.count("version", v)
                : MeasureEntry.count("version = ?1 and status = ?2", v, status);
    }

    public boolean isCurrent(CatalogueVersion v) {
        return current().map(c -> c.id.equals(v.id)).orElse(false);
    }

    public MeasureEntry measure(CatalogueVersion v, String code) {
        return MeasureEntry.inVersion(v, code).orElseThrow(() -> ProblemException.notFound(
                "No measure " + code + " in catalogue version " + v.number + "."));
    }

    public List<MeasureEntry> all(CatalogueVersion v) {
        return MeasureEntry.ofVersion(v);
    }

    /** The measure in every version that holds it, oldest first. */
    public List<MeasureEntry> history(Caller caller, String code) {
        List<MeasureEntry> h = MeasureEntry.<MeasureEntry>list("code = ?1 order by version.number", code).stream()
                .filter(m -> !m.version.isDraft() || caller.is(Role.NATIONAL_ADMIN)).toList();
        if (h.isEmpty()) {
            throw ProblemException.notFound("No measure " + code + " in any catalogue version.");
        }
        return h;
    }

    public Page<MeasureEntry> measures(CatalogueVersion v, MeasureFilter f, String cursor, Integer limit) {
        int max = Cursor.limit(limit);
        String after = Cursor.decode(cursor);
        List<FieldError> errors = new ArrayList<>();
        StringBuilder q = new StringBuilder("version = :version");
        Parameters p = Parameters.with("version", v);
        if (f.phase() != null) {
            if (!ReferenceData.PHASES.contains(f.phase())) {
                errors.add(new FieldError("phase", "must be one of " + ReferenceData.PHASES));
            }
            q.append(" and phase = :phase");
            p.and("phase", f.phase());
        }
        if (f.axis() != null) {
            if (reference.axis(f.axis()).isEmpty()) {
                errors.add(new FieldError("axis", "unknown axis " + f.axis() + "; known: " + reference.knownAxes()));
            }
            q.append(" and axisCode = :axis");
            p.and("axis", f.axis());
        }
        if (f.operator() != null) {
            String op = reference.resolveOperator(f.operator()).orElse(null);
            if (op == null) {
                errors.add(new FieldError("operator", "unknown operator " + f.operator() + "; known: "
                        + reference.knownOperators()));
            }
            q.append(" and :operator member of operators");
            p.and("operator", op);
        }
        if (f.status() != null) {
            if (!STATUSES.contains(f.status())) {
                errors.add(new FieldError("status", "must be one of " + STATUSES));
            }
            q.append(" and status = :status");
            p.and("status", f.status());
        }
        List<String> terms = SearchText.terms(f.text());
        for (int i = 0; i < terms.size(); i++) {
            q.append(" and searchText like :t").append(i).append(" escape '\\'");
            p.and("t" + i, "%" + terms.get(i) + "%");
        }
        if (f.updatedSince() != null) {
            q.append(" and updatedAt > :since");
            p.and("since", f.updatedSince());
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest(errors.stream().map(e -> e.field() + ": " + e.message())
                    .collect(Collectors.joining("; ")), errors.toArray(FieldError[]::new));
        }
        if (after != null) {
            q.append(" and code > :after");
            p.and("after", after);
        }
        List<MeasureEntry> rows = MeasureEntry.<MeasureEntry>find(q + " order by code", p).range(0, max).list();
        String next = rows.size() > max ? Cursor.encode(rows.get(max - 1).code) : null;
        return new Page<>(rows.size() > max ? rows.subList(0, max) : rows, next);
    }

    public DiffView diff(Caller caller, int fromNumber, int toNumber) {
        CatalogueVersion from = visible(caller, fromNumber);
        CatalogueVersion to = visible(caller, toNumber);
        Map<String, MeasureEntry> a = byCode(MeasureEntry.ofVersion(from));
        Map<String, MeasureEntry> b = byCode(MeasureEntry.ofVersion(to));
        List<DiffView.MeasureSummary> added = new ArrayList<>();
        List<DiffView.MeasureSummary> removed = new ArrayList<>();
        List<DiffView.Retired> retired = new ArrayList<>();
        List<DiffView.Reworded> reworded = new ArrayList<>();
        List<DiffView.Changed> changed = new ArrayList<>();
        for (MeasureEntry m : b.values()) {
            if (!a.containsKey(m.code)) {
                added.add(new DiffView.MeasureSummary(m.code, m.axisCode, m.titleFr));
            }
        }
        for (MeasureEntry old : a.values()) {
            MeasureEntry now = b.get(old.code);
            if (now == null) {
                removed.add(new DiffView.MeasureSummary(old.code, old.axisCode, old.titleFr));
                continue;
            }
            boolean newlyRetired = MeasureEntry.RETIRED.equals(now.status) && !MeasureEntry.RETIRED.equals(old.status);
            if (newlyRetired) {
                retired.add(new DiffView.Retired(now.code, now.titleFr, now.retiredOn));
            }
            if (!Objects.equals(old.titleFr, now.titleFr) || !Objects.equals(old.titleEn, now.titleEn)
                    || !Objects.equals(old.description, now.description)) {
                reworded.add(new DiffView.Reworded(now.code, text(old), text(now)));
            }
            List<String> fields = changedFields(old, now);
            if (!newlyRetired && !fields.isEmpty()) {
                changed.add(new DiffView.Changed(now.code, fields));
            }
        }
        return new DiffView(from.number, to.number, added, removed, retired, reworded, changed);
    }

    private static List<String> changedFields(MeasureEntry a, MeasureEntry b) {
        Map<String, Function<MeasureEntry, Object>> fields = new LinkedHashMap<>();
        fields.put("axis", m -> m.axisCode);
        fields.put("operators", m -> List.copyOf(m.operators));
        fields.put("envelopeCents", m -> m.envelopeCents);
        fields.put("validFrom", m -> m.validFrom);
        fields.put("validTo", m -> m.validTo);
        fields.put("firstSeen", m -> m.firstSeen);
        fields.put("sourceUrl", m -> m.sourceUrl);
        fields.put("sourceCitation", m -> m.sourceCitation);
        fields.put("wording", m -> m.wording);
        fields.put("wordingNote", m -> m.wordingNote);
        fields.put("status", m -> m.status);
        fields.put("retiredOn", m -> m.retiredOn);
        return fields.entrySet().stream()
                .filter(e -> !Objects.equals(e.getValue().apply(a), e.getValue().apply(b)))
                .map(Map.Entry::getKey).toList();
    }

    private static DiffView.Text text(MeasureEntry m) {
        return new DiffView.Text(m.titleFr, m.titleEn, m.description, m.wording);
    }

    private static Map<String, MeasureEntry> byCode(List<MeasureEntry> entries) {
        Map<String, MeasureEntry> map = new LinkedHashMap<>();
        entries.forEach(m -> map.put(m.code, m));
        return map;
    }

    private static String firstEffective() {
        return CatalogueVersion.<CatalogueVersion>find("status = ?1 order by effectiveDate, number",
                        CatalogueVersion.PUBLISHED).firstResultOptional()
                .map(v -> "; the first version took effect on " + v.effectiveDate).orElse("");
    }
}
