package fr.gouv.ti.territory.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import fr.gouv.ti.commons.audit.AuditLog;
import fr.gouv.ti.commons.core.csv.CsvReader;
import fr.gouv.ti.commons.problem.Problem;
import fr.gouv.ti.commons.problem.ProblemException;
import fr.gouv.ti.commons.security.Caller;
import fr.gouv.ti.commons.web.CsvUpload;
import fr.gouv.ti.territory.domain.Commune;
import fr.gouv.ti.territory.domain.CommuneRepository;
import fr.gouv.ti.territory.domain.Department;
import fr.gouv.ti.territory.domain.TerritoryRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Import of a vintage of the communes file ({@code communes_cog2026.csv} columns), replacing the whole table.
 * All or nothing, like the territory import: any bad row → 422 listing every bad row; same file twice → no write.
 * Read by the shared {@link CsvReader}: comma or semicolon separated, UTF-8 or Windows-1252.
 */
@ApplicationScoped
public class CommuneImportService {

    public static final List<String> COLUMNS = List.of("commune_insee", "commune_name", "commune_siren",
            "department_code", "region_code", "epci_siren", "postal_codes", "population");
    static final Pattern INSEE = Pattern.compile("[0-9]{5}|2[AB][0-9]{3}");
    static final Pattern POSTAL = Pattern.compile("[0-9]{5}");
    private static final int MAX_ERRORS = 1000;

    private final CommuneRepository communes;
    private final TerritoryRepository territories;
    private final ReferenceData references;
    private final AuditLog audit;

    public CommuneImportService(CommuneRepository communes, TerritoryRepository territories, ReferenceData references,
                                AuditLog audit) {
        this.communes = communes;
        this.territories = territories;
        this.references = references;
        this.audit = audit;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Report(boolean dryRun, boolean changed, int communesInFile, int added, int removed, int changedCommunes,
                         List<String> examples) {
    }

    List<Commune> parse(String text) {
        CsvReader.Table table = CsvUpload.table(text);
        if (table.header() == null || !table.columns().equals(COLUMNS)) {
            throw ProblemException.validation("The header line must be " + String.join(",", COLUMNS)
                    + " (separated by commas or semicolons). Nothing was imported.",
                    List.of(new Problem.FieldError("file", "unexpected header", table.header() == null ? 1 : table.header().line())));
        }
        Map<String, Department> departments = references.departments();
        List<Problem.FieldError> errors = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        List<Commune> out = new ArrayList<>(table.rows().size());
        for (CsvReader.Row row : table.rows()) {
            int line = row.line();
            List<String> f = row.fields();
            if (f.size() != COLUMNS.size()) {
                errors.add(new Problem.FieldError("file", "expected " + COLUMNS.size() + " fields, found " + f.size()
                        + " (the separator of this file is the " + table.separator().describe() + ")", line));
                continue;
            }
            int before = errors.size();
            String insee = f.get(0).trim();
            String name = f.get(1).trim();
            String siren = f.get(2).trim();
            String dep = f.get(3).trim();
            String region = f.get(4).trim();
            String epci = f.get(5).trim();
            String postal = f.get(6).trim();
            String population = f.get(7).trim();
            if (!INSEE.matcher(insee).matches()) {
                errors.add(new Problem.FieldError("commune_insee", "an INSEE code is 5 characters (digits, or 2A/2B "
                        + "then 3 digits for Corsica), got '" + insee + "'", line));
            }
            if (name.isEmpty()) {
                errors.add(new Problem.FieldError("commune_name", "required", line));
            }
            String sirenProblem = Siren.problem(siren);
            if (sirenProblem != null) {
                errors.add(new Problem.FieldError("commune_siren", sirenProblem, line));
            }
            Department d = departments.get(dep);
            if (d == null) {
                errors.add(new Problem.FieldError("department_code", "unknown department code '" + dep + "'", line));
            } else {
                if (!insee.startsWith(dep)) {
                    errors.add(new Problem.FieldError("commune_insee", "INSEE code " + insee
                            + " is not in department " + dep, line));
                }
                if (!d.regionCode().equals(region)) {
                    errors.add(new Problem.FieldError("region_code", "department " + dep + " is in region "
                            + d.regionCode() + ", not '" + region + "'", line));
                }
            }
            if (!epci.isEmpty() && Siren.problem(epci) != null) {
                errors.add(new Problem.FieldError("epci_siren", Siren.problem(epci), line));
            }
            List<String> postals = postal.isEmpty() ? List.of() : Arrays.asList(postal.split(" +"));
            if (postals.isEmpty() || !postals.stream().allMatch(p -> POSTAL.matcher(p).matches())) {
                errors.add(new Problem.FieldError("postal_codes", "one or more 5-digit postal codes separated by "
                        + "spaces, got '" + postal + "'", line));
            }
            Integer pop = null;
            if (!population.isEmpty()) {
                try {
                    pop = Integer.valueOf(population);
                    if (pop < 0) {
                        throw new NumberFormatException();
                    }
                } catch (NumberFormatException e) {
                    errors.add(new Problem.FieldError("population", "a whole number ≥ 0, got '" + population + "'", line));
                }
            }
            Integer dup = seen.putIfAbsent(insee, line);
            if (dup != null) {
                errors.add(new Problem.FieldError("commune_insee", "commune " + insee + " already on line " + dup, line));
            }
            if (errors.size() > MAX_ERRORS) {
                break;
            }
            if (errors.size() == before) {
                out.add(new Commune(insee, name, siren, dep, region, epci.isEmpty() ? null : epci,
                        List.copyOf(postals), pop));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors.size() + (errors.size() > MAX_ERRORS ? "+" : "")
                    + " problem(s) in the file; nothing was imported.",
                    errors.size() > MAX_ERRORS ? errors.subList(0, MAX_ERRORS) : errors);
        }
        return out;
    }

    @Transactional
    public Report importCommunes(Caller caller, String csv, boolean dryRun) {
        List<Commune> wanted = parse(csv);
        territories.lockSeed();
        Map<String, Commune> current = new LinkedHashMap<>();
        communes.all().forEach(c -> current.put(c.insee(), c));
        int added = 0;
        int changed = 0;
        List<String> examples = new ArrayList<>();
        Map<String, Commune> wantedByInsee = new HashMap<>();
        for (Commune c : wanted) {
            wantedByInsee.put(c.insee(), c);
            Commune now = current.get(c.insee());
            if (now == null) {
                added++;
                if (examples.size() < 20) {
                    examples.add("added " + c.insee() + " " + c.name());
                }
            } else if (!Objects.equals(now, c)) {
                changed++;
                if (examples.size() < 20) {
                    examples.add("changed " + c.insee() + " " + c.name());
                }
            }
        }
        int removed = 0;
        for (Commune c : current.values()) {
            if (!wantedByInsee.containsKey(c.insee())) {
                removed++;
                if (examples.size() < 20) {
                    examples.add("removed " + c.insee() + " " + c.name());
                }
            }
        }
        boolean any = added + removed + changed > 0;
        if (any && !dryRun) {
            communes.replaceAll(wanted, SearchText::normalise);
            audit.record(caller, "commune.import", "commune", "all", PhaseImportService.sha256(csv));
        }
        return new Report(dryRun, any, wanted.size(), added, removed, changed, examples);
    }
}
