package fr.gouv.ti.territory.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import fr.gouv.ti.commons.problem.Problem;
import fr.gouv.ti.commons.problem.ProblemException;
import fr.gouv.ti.territory.domain.Commune;
import fr.gouv.ti.territory.domain.CommuneRepository;
import fr.gouv.ti.territory.domain.Coverage;
import fr.gouv.ti.territory.domain.Phase;
import fr.gouv.ti.territory.domain.TerritoryRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** "Is this place in a Territoire d'industrie?" by commune, postal code, EPCI or commune name. */
@ApplicationScoped
public class CommuneLookupService {

    private final CommuneIndex index;
    private final CommuneRepository communes;
    private final TerritoryRepository territories;
    private final ReferenceData references;

    public CommuneLookupService(CommuneIndex index, CommuneRepository communes, TerritoryRepository territories,
                                ReferenceData references) {
        this.index = index;
        this.communes = communes;
        this.territories = territories;
        this.references = references;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TerritoryRef(String tiId, String name, String status, String via, String groupementSiren,
                               String groupementName, String groupementNature) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PhaseAnswer(String phase, boolean inTerritoireDIndustrie, List<TerritoryRef> territories) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Epci(String siren, String name) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Answer(Commune commune, Epci epci, List<PhaseAnswer> phases) {
    }

    public Answer byInsee(String insee, LocalDate asOf) {
        if (insee == null || !CommuneImportService.INSEE.matcher(insee).matches()) {
            throw ProblemException.badRequest("An INSEE commune code is 5 characters: 5 digits (42187; 97x.. for the "
                    + "DROM, e.g. 97411), or 2A/2B then 3 digits for Corsica (2A004); got '" + insee + "'.",
                    new Problem.FieldError("insee", "malformed INSEE code"));
        }
        Commune c = index.get().byInsee().get(insee);
        if (c == null) {
            throw ProblemException.notFound("No current commune has INSEE code " + insee + " (COG 2026).");
        }
        return answer(List.of(c), asOf).get(0);
    }

    public List<Answer> byPostalCode(String postalCode, LocalDate asOf) {
        if (postalCode == null || !CommuneImportService.POSTAL.matcher(postalCode).matches()) {
            throw ProblemException.badRequest("A postal code is 5 digits (e.g. 42300); got '" + postalCode + "'.",
                    new Problem.FieldError("postalCode", "malformed postal code"));
        }
        List<Commune> found = index.get().byPostalCode().get(postalCode);
        if (found == null) {
            throw ProblemException.notFound("No commune has postal code " + postalCode + ".");
        }
        return answer(found, asOf);
    }

    public List<Answer> byEpci(String siren, LocalDate asOf) {
        String problem = Siren.problem(siren);
        if (problem != null) {
            throw ProblemException.badRequest(problem + ".", new Problem.FieldError("epci", problem));
        }
        List<Commune> found = index.get().byEpci().get(siren);
        if (found == null) {
            throw ProblemException.notFound("No commune belongs to an EPCI with SIREN " + siren + " (COG 2026).");
        }
        return answer(found, asOf);
    }

    public List<Answer> byName(String name, String department, LocalDate asOf) {
        String key = SearchText.normalise(name);
        if (key.isEmpty() || name.length() > 200) {
            throw ProblemException.badRequest("name must contain letters or digits (at most 200 characters).",
                    new Problem.FieldError("name", "empty or too long"));
        }
        if (department != null && !references.departments().containsKey(department)) {
            throw ProblemException.badRequest("unknown department code " + department + ".",
                    new Problem.FieldError("department", "unknown department code '" + department + "'"));
        }
        List<Commune> found = index.get().byName().getOrDefault(key, List.of()).stream()
                .filter(c -> department == null || c.departmentCode().equals(department)).toList();
        return answer(found, asOf);
    }

    private List<Answer> answer(List<Commune> found, LocalDate asOf) {
        Set<String> sirens = new LinkedHashSet<>();
        for (Commune c : found) {
            sirens.add(c.siren());
            if (c.epciSiren() != null) {
                sirens.add(c.epciSiren());
            }
        }
        List<Coverage> coverage = communes.coverage(sirens, asOf);
        List<Phase> phases = territories.phases();
        var names = index.get().groupementNames();
        List<Answer> out = new ArrayList<>(found.size());
        for (Commune c : found) {
            List<PhaseAnswer> perPhase = new ArrayList<>(phases.size());
            for (Phase p : phases) {
                List<TerritoryRef> refs = new ArrayList<>();
                for (Coverage cov : coverage) {
                    if (!cov.phase().equals(p.code())) {
                        continue;
                    }
                    String via = cov.groupementSiren().equals(c.epciSiren()) ? "EPCI"
                            : cov.groupementSiren().equals(c.siren()) ? "COMMUNE" : null;
                    if (via != null) {
                        refs.add(new TerritoryRef(cov.tiId(), cov.territoryName(), cov.territoryStatus(), via,
                                cov.groupementSiren(), cov.groupementName(), cov.groupementNature()));
                    }
                }
                perPhase.add(new PhaseAnswer(p.code(), !refs.isEmpty(), refs));
            }
            Epci epci = c.epciSiren() == null ? null : new Epci(c.epciSiren(), names.get(c.epciSiren()));
            out.add(new Answer(c, epci, perPhase));
        }
        return out;
    }
}
