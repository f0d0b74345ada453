package fr.gouv.ti.contract.service;

import fr.gouv.ti.commons.problem.Problem.FieldError;
import fr.gouv.ti.commons.problem.ProblemException;
import fr.gouv.ti.contract.domain.Contract;
import fr.gouv.ti.contract.rest.ProgressReport.RegionProgress;
import fr.gouv.ti.contract.rest.ProgressReport.TargetProgress;
import fr.gouv.ti.contract.rest.ProgressReport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.LocalDate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Progress against the national targets: territories with a signed protocol / contract on a date, per region.
 * A territory counts once (one living contract per territory); a contract abandoned on or before the date no longer
 * counts.
 */
@ApplicationScoped
public class ProgressService {

    /** National targets for protocols, phase 2019-2022: about 40 by summer 2019, about 100 by the end of 2019. */
    record Target(String label, LocalDate date, long protocols) {
    }

    static final Map<String, List<Target>> TARGETS = Map.of("2019-2022", List.of(
            new Target("summer 2019", LocalDate.of(2019, 7, 31), 40),
            new Target("end 2019", LocalDate.of(2019, 12, 31), 100)));

    static final String TARGET_SOURCE = "Interco et territoires n°371, Sept. 2019 (≈40 protocols by summer 2019, "
            + "≈100 by end 2019); 'summer' is taken as 31 July";

    private final Clock clock;

    public ProgressService(Clock clock) {
        this.clock = clock;
    }

    public ProgressReport report(String phase, LocalDate asOf) {
        if (phase == null || !phase.matches("\\d{4}-\\d{4}")) {
            throw ProblemException.badRequest("phase is required, e.g. 2019-2022",
                    new FieldError("phase", "must look like 2019-2022"));
        }
        LocalDate day = asOf != null ? asOf : LocalDate.now(clock);
        Map<String, long[]> perRegion = new TreeMap<>();
        EntityManager em = Contract.getEntityManager();
        // a phase none of whose territories is known is not a report of zeros: it does not exist
        Number known = (Number) em.createNativeQuery("select count(*) from territory_projection where phase = ?1")
                .setParameter(1, phase).getSingleResult();
        if (known.longValue() == 0) {
            throw ProblemException.notFound("No phase " + phase + ": no territory of it is known.");
        }
        @SuppressWarnings("unchecked")
        List<Object[]> territories = em.createNativeQuery("""
                select region_code, count(*) from territory_projection
                where phase = ?1 and (labelled_on is null or labelled_on <= ?2)
                  and (status = 'LABELLED' or labelled_on is not null)
                group by region_code""").setParameter(1, phase).setParameter(2, day).getResultList();
        for (Object[] row : territories) {
            perRegion.computeIfAbsent((String) row[0], k -> new long[3])[0] = ((Number) row[1]).longValue();
        }
        for (Object[] row : counts(em, phase, day)) {
            long[] v = perRegion.computeIfAbsent((String) row[0], k -> new long[3]);
            v[1] = ((Number) row[1]).longValue();
            v[2] = ((Number) row[2]).longValue();
        }
        List<RegionProgress> regions = new ArrayList<>();
        long[] total = new long[3];
        perRegion.forEach((region, v) -> {
            regions.add(new RegionProgress(region, v[0], v[1], v[2]));
            for (int i = 0; i < 3; i++) {
                total[i] += v[i];
            }
        });
        List<TargetProgress> targets = new ArrayList<>();
        for (Target t : TARGETS.getOrDefault(phase, List.of())) {
            long onDate = counts(em, phase, t.date()).stream().mapToLong(r -> ((Number) r[1]).longValue()).sum();
            targets.add(new TargetProgress(t.label(), t.date(), t.protocols(), onDate, onDate >= t.protocols(),
                    TARGET_SOURCE));
        }
        return new ProgressReport(phase, day, total[0], total[1], total[2], regions, targets);
    }

    /** Rows (region, territories with a protocol, territories with a contract) on a date. */
    @SuppressWarnings("unchecked")
    private static List<Object[]> counts(EntityManager em, String phase, LocalDate day) {
        return em.createNativeQuery("""
                select region_code,
                       count(distinct ti_id) filter (where protocol_signed_on <= ?2),
                       count(distinct ti_id) filter (where contract_signed_on <= ?2)
                from contract
                where phase = ?1 and (abandoned_on is null or abandoned_on > ?2)
                group by region_code""").setParameter(1, phase).setParameter(2, day).getResultList();
    }

    public String csv(ProgressReport r, fr.gouv.ti.commons.core.csv.CsvSeparator separator) {
        StringBuilder sb = new StringBuilder();
        fr.gouv.ti.commons.core.csv.CsvWriter csv = new fr.gouv.ti.commons.core.csv.CsvWriter(sb, separator);
        csv.row(List.of("phase", "as_of", "region_code", "labelled_territories", "territories_with_protocol",
                "territories_with_contract"));
        for (RegionProgress p : r.regions()) {
            csv.text(r.phase()).text(String.valueOf(r.asOf())).text(p.regionCode())
                    .cell(p.territories()).cell(p.protocols()).cell(p.contracts()).end();
        }
        csv.text(r.phase()).text(String.valueOf(r.asOf())).text("ALL")
                .cell(r.territories()).cell(r.protocols()).cell(r.contracts()).end();
        return sb.toString();
    }
}
