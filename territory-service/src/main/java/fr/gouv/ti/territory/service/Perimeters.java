package fr.gouv.ti.territory.service;

import fr.gouv.ti.commons.problem.Problem;
import fr.gouv.ti.territory.domain.Department;
import fr.gouv.ti.territory.domain.Member;
import fr.gouv.ti.territory.domain.Territory;
import fr.gouv.ti.territory.domain.TerritoryRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/** Validation of groupements, and the diff and write of a perimeter change (shared by admin writes and imports). */
@ApplicationScoped
public class Perimeters {

    private final TerritoryRepository repository;

    public Perimeters(TerritoryRepository repository) {
        this.repository = repository;
    }

    /** A groupement as the caller wants it in the perimeter. */
    public record Desired(String siren, String name, String officialName, String nature, List<String> departmentCodes) {
        boolean sameAttributes(Member m) {
            return name.equals(m.name()) && Objects.equals(officialName, m.officialName())
                    && nature.equals(m.nature()) && departmentCodes.equals(m.departmentCodes());
        }
    }

    /** What a perimeter change does. {@code renamed} holds the current members with their new attributes. */
    public record Diff(List<Desired> joining, List<Member> leaving, List<Member> renamed, List<Member> renamedFrom) {
        public boolean membershipChanged() {
            return !joining.isEmpty() || !leaving.isEmpty();
        }

        public boolean attributesChanged() {
            return !renamed.isEmpty();
        }

        public boolean isEmpty() {
            return !membershipChanged() && !attributesChanged();
        }
    }

    /** A problem with one field of one groupement: {@code field} is siren, name, nature or departmentCodes. */
    public record Issue(String field, String message) {
    }

    public static List<Issue> check(Desired d, Map<String, Department> departments) {
        List<Issue> issues = new ArrayList<>();
        String siren = Siren.problem(d.siren());
        if (siren != null) {
            issues.add(new Issue("siren", siren));
        }
        if (d.name() == null || d.name().isBlank()) {
            issues.add(new Issue("name", "name is required"));
        } else if (d.name().length() > 300) {
            issues.add(new Issue("name", "name is longer than 300 characters"));
        }
        if (d.nature() == null || !Member.NATURES.contains(d.nature())) {
            issues.add(new Issue("nature", "nature must be one of " + String.join(", ", Member.NATURES)
                    + ", got '" + d.nature() + "'"));
        }
        if (d.departmentCodes() == null || d.departmentCodes().isEmpty()) {
            issues.add(new Issue("departmentCodes", "at least one department code is required"));
        } else {
            for (String code : d.departmentCodes()) {
                if (!departments.containsKey(code)) {
                    issues.add(new Issue("departmentCodes", "unknown department code '" + code
                            + "' (COG 2026: 01..95, 2A, 2B, 971..976)"));
                }
            }
        }
        return issues;
    }

    /** Null when consistent: the territory's region must be the region of at least one of its groupements' departments. */
    public static String regionProblem(String regionCode, List<Desired> perimeter, Map<String, Department> departments) {
        if (perimeter.isEmpty()) {
            return null;
        }
        Set<String> regions = new TreeSet<>();
        for (Desired d : perimeter) {
            for (String code : d.departmentCodes()) {
                Department dep = departments.get(code);
                if (dep != null) {
                    regions.add(dep.regionCode());
                }
            }
        }
        if (regions.isEmpty() || regions.contains(regionCode)) {
            return null;
        }
        return "region " + regionCode + " is not the region of any department of the perimeter (regions " + regions + ")";
    }

    /** Sirens that appear twice. */
    public static Set<String> duplicates(List<Desired> perimeter) {
        Set<String> seen = new LinkedHashSet<>();
        Set<String> dup = new LinkedHashSet<>();
        for (Desired d : perimeter) {
            if (!seen.add(d.siren())) {
                dup.add(d.siren());
            }
        }
        return dup;
    }

    public static Diff diff(Territory current, List<Desired> desired) {
        Map<String, Member> now = new LinkedHashMap<>();
        if (current != null) {
            current.currentPerimeter().forEach(m -> now.put(m.siren(), m));
        }
        Map<String, Desired> wanted = new LinkedHashMap<>();
        desired.forEach(d -> wanted.put(d.siren(), d));
        List<Desired> joining = new ArrayList<>();
        List<Member> renamed = new ArrayList<>();
        List<Member> renamedFrom = new ArrayList<>();
        for (Desired d : wanted.values()) {
            Member m = now.get(d.siren());
            if (m == null) {
                joining.add(d);
            } else if (!d.sameAttributes(m)) {
                renamedFrom.add(m);
                renamed.add(new Member(m.id(), m.siren(), d.name(), d.officialName(), d.nature(), d.departmentCodes(),
                        m.validFrom(), m.validTo()));
            }
        }
        List<Member> leaving = now.values().stream().filter(m -> !wanted.containsKey(m.siren())).toList();
        return new Diff(joining, leaving, renamed, renamedFrom);
    }

    /** Null when the change can take effect on that date, else why not. */
    public static String effectiveDateProblem(Diff diff, LocalDate effectiveDate) {
        for (Member m : diff.leaving()) {
            if (m.validFrom().isAfter(effectiveDate)) {
                return "groupement " + m.siren() + " joined on " + m.validFrom() + ", it cannot leave on "
                        + effectiveDate;
            }
        }
        return null;
    }

    /** Writes a validated diff. Pending rows are batched by the caller through the returned lists. */
    public void apply(List<Applied> changes) {
        List<Long> close = new ArrayList<>();
        List<Long> delete = new ArrayList<>();
        Map<LocalDate, List<Long>> closeByDate = new HashMap<>();
        List<TerritoryRepository.NewMember> inserts = new ArrayList<>();
        List<Member> updates = new ArrayList<>();
        for (Applied a : changes) {
            for (Member m : a.diff().leaving()) {
                if (m.validFrom().equals(a.effectiveDate())) {
                    delete.add(m.id());
                } else {
                    closeByDate.computeIfAbsent(a.effectiveDate(), k -> new ArrayList<>()).add(m.id());
                    close.add(m.id());
                }
            }
            for (Desired d : a.diff().joining()) {
                inserts.add(new TerritoryRepository.NewMember(a.territoryId(), d.siren(), d.name(), d.officialName(),
                        d.nature(), d.departmentCodes(), a.effectiveDate()));
            }
            updates.addAll(a.diff().renamed());
        }
        repository.deleteMembers(delete);
        closeByDate.forEach((date, ids) -> repository.closeMembers(ids, date));
        repository.updateMembers(updates);
        repository.insertMembers(inserts);
    }

    /** A diff to write on a territory. */
    public record Applied(long territoryId, Diff diff, LocalDate effectiveDate) {
    }

    static Problem.FieldError error(String field, String message, Integer line) {
        return new Problem.FieldError(field, message, line);
    }
}
