package fr.gouv.ti.territory.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import fr.gouv.ti.commons.audit.AuditLog;
import fr.gouv.ti.commons.core.csv.CsvReader;
import fr.gouv.ti.commons.core.csv.CsvSeparator;
import fr.gouv.ti.commons.core.csv.CsvWriter;
import fr.gouv.ti.commons.outbox.Outbox;
import fr.gouv.ti.commons.problem.Problem;
import fr.gouv.ti.commons.problem.ProblemException;
import fr.gouv.ti.commons.security.Caller;
import fr.gouv.ti.commons.web.CsvUpload;
import fr.gouv.ti.territory.domain.Department;
import fr.gouv.ti.territory.domain.Member;
import fr.gouv.ti.territory.domain.Phase;
import fr.gouv.ti.territory.domain.Region;
import fr.gouv.ti.territory.domain.Territory;
import fr.gouv.ti.territory.domain.TerritoryRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Bulk import and export of a phase in the columns of {@code territoires_industrie_*_epci.csv}: one row per
 * territory × groupement. The file is the whole phase: territories absent from it are delabelled. All or nothing.
 * Files are read by the shared {@link CsvReader}: comma or semicolon separated, UTF-8 or Windows-1252, as the
 * national team's spreadsheet software saves them.
 */
@ApplicationScoped
public class PhaseImportService {

    public static final List<String> COLUMNS = List.of("phase", "ti_id", "ti_name", "region_code", "region_name",
            "department_codes", "epci_siren", "epci_name", "groupement_nature", "epci_name_cog2026");
    private static final List<String> REQUIRED = List.of("phase", "ti_id", "ti_name", "region_code",
            "department_codes", "epci_siren", "epci_name", "groupement_nature");
    private static final Pattern TI_ID = Pattern.compile("ti-[0-9]{4}");
    private static final int MAX_ERRORS = 1000;

    private final TerritoryRepository repository;
    private final Perimeters perimeters;
    private final ReferenceData references;
    private final Outbox outbox;
    private final AuditLog audit;

    private final java.time.Clock clock;

    public PhaseImportService(TerritoryRepository repository, Perimeters perimeters, ReferenceData references,
                              Outbox outbox, AuditLog audit, java.time.Clock clock) {
        this.clock = clock;
        this.repository = repository;
        this.perimeters = perimeters;
        this.references = references;
        this.outbox = outbox;
        this.audit = audit;
    }

    // ------------------------------------------------------------------ report

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TerritoryRef(String tiId, String name) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Renaming(String tiId, String from, String to) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record GroupementChange(String tiId, String siren, String name) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record GroupementRenaming(String tiId, String siren, String from, String to) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Report(String phase, boolean dryRun, boolean changed, LocalDate effectiveDate,
                         int territoriesInFile, int rowsInFile,
                         List<TerritoryRef> territoriesAdded, List<TerritoryRef> territoriesRelabelled,
                         List<TerritoryRef> territoriesRemoved, List<Renaming> territoriesRenamed,
                         List<TerritoryRef> territoriesMovedRegion,
                         List<GroupementChange> groupementsJoining, List<GroupementChange> groupementsLeaving,
                         List<GroupementRenaming> groupementsRenamed, int eventsEmitted) {
    }

    // ------------------------------------------------------------------ parsing

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Wanted(String tiId, String name, String regionCode, List<Perimeters.Desired> members) {
    }

    /** Parses and validates the whole file; throws one 422 listing every bad row. */
    Map<String, Wanted> parse(String phase, String text) {
        List<Problem.FieldError> errors = new ArrayList<>();
        CsvReader.Table table = CsvUpload.table(text);
        if (table.header() == null) {
            throw ProblemException.validation("The file is empty: expected a header line with the columns "
                    + String.join(",", COLUMNS) + ". Nothing was imported.",
                    List.of(new Problem.FieldError("file", "empty file", 1)));
        }
        List<String> header = table.columns();
        int headerLine = table.header().line();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            if (!COLUMNS.contains(header.get(i))) {
                errors.add(new Problem.FieldError(header.get(i), "unknown column; expected " + String.join(",", COLUMNS), headerLine));
            } else if (index.putIfAbsent(header.get(i), i) != null) {
                errors.add(new Problem.FieldError(header.get(i), "column appears twice", headerLine));
            }
        }
        for (String c : REQUIRED) {
            if (!index.containsKey(c)) {
                errors.add(new Problem.FieldError(c, "missing column", headerLine));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation("The header line is not the one of territoires_industrie_*_epci.csv ("
                    + String.join(",", COLUMNS) + "), separated by commas or semicolons. Nothing was imported.", errors);
        }
        Map<String, Region> regions = references.regions();
        Map<String, Department> departments = references.departments();
        Map<String, Wanted> wanted = new LinkedHashMap<>();
        Map<String, Integer> firstLine = new HashMap<>();
        Map<String, Integer> sirenLine = new HashMap<>();
        String separator = table.separator().describe();
        for (CsvReader.Row row : table.rows()) {
            int line = row.line();
            if (row.fields().size() != header.size()) {
                errors.add(new Problem.FieldError("file", "expected " + header.size() + " fields, found "
                        + row.fields().size() + " (the separator of this file is the " + separator
                        + ": quote names that contain one)", line));
                continue;
            }
            int before = errors.size();
            String rowPhase = get(row, index, "phase");
            String tiId = get(row, index, "ti_id");
            String tiName = get(row, index, "ti_name");
            String regionCode = get(row, index, "region_code");
            String deps = get(row, index, "department_codes");
            String siren = get(row, index, "epci_siren");
            String epciName = get(row, index, "epci_name");
            String nature = get(row, index, "groupement_nature");
            String official = index.containsKey("epci_name_cog2026") ? get(row, index, "epci_name_cog2026") : "";
            if (!phase.equals(rowPhase)) {
                errors.add(new Problem.FieldError("phase", "row is for phase '" + rowPhase + "', the import is for "
                        + phase, line));
            }
            if (!TI_ID.matcher(tiId).matches()) {
                errors.add(new Problem.FieldError("ti_id", "must look like ti-8411, got '" + tiId + "'", line));
            }
            if (tiName.isBlank() || tiName.length() > 300) {
                errors.add(new Problem.FieldError("ti_name", "required, at most 300 characters", line));
            }
            if (!regions.containsKey(regionCode)) {
                errors.add(new Problem.FieldError("region_code", "unknown region code '" + regionCode
                        + "' (COG 2026: 01-06, 11, 24, 27, 28, 32, 44, 52, 53, 75, 76, 84, 93, 94)", line));
            }
            List<String> depList = deps.isBlank() ? List.of() : Arrays.stream(deps.split(";")).map(String::trim).toList();
            Perimeters.Desired d = new Perimeters.Desired(siren, epciName.trim(),
                    official.isBlank() ? null : official.trim(), nature, depList);
            for (Perimeters.Issue issue : Perimeters.check(d, departments)) {
                errors.add(new Problem.FieldError(switch (issue.field()) {
                    case "siren" -> "epci_siren";
                    case "name" -> "epci_name";
                    case "nature" -> "groupement_nature";
                    default -> "department_codes";
                }, issue.message(), line));
            }
            if (errors.size() > before) {
                if (errors.size() > MAX_ERRORS) {
                    break;
                }
                continue;
            }
            Integer dupLine = sirenLine.putIfAbsent(tiId + "/" + siren, line);
            if (dupLine != null) {
                errors.add(new Problem.FieldError("epci_siren", "groupement " + siren + " is already listed for "
                        + tiId + " on line " + dupLine, line));
                continue;
            }
            Wanted w = wanted.get(tiId);
            if (w == null) {
                w = new Wanted(tiId, tiName, regionCode, new ArrayList<>());
                wanted.put(tiId, w);
                firstLine.put(tiId, line);
            } else {
                if (!w.name().equals(tiName)) {
                    errors.add(new Problem.FieldError("ti_name", "'" + tiName + "' differs from '" + w.name()
                            + "' given for " + tiId + " on line " + firstLine.get(tiId), line));
                }
                if (!w.regionCode().equals(regionCode)) {
                    errors.add(new Problem.FieldError("region_code", "'" + regionCode + "' differs from '"
                            + w.regionCode() + "' given for " + tiId + " on line " + firstLine.get(tiId), line));
                }
            }
            w.members().add(d);
        }
        for (Wanted w : wanted.values()) {
            String problem = Perimeters.regionProblem(w.regionCode(), w.members(), departments);
            if (problem != null) {
                errors.add(new Problem.FieldError("region_code", w.tiId() + ": " + problem, firstLine.get(w.tiId())));
            }
        }
        if (!errors.isEmpty()) {
            List<Problem.FieldError> shown = errors.size() > MAX_ERRORS ? errors.subList(0, MAX_ERRORS) : errors;
            throw ProblemException.validation(errors.size() + (errors.size() > MAX_ERRORS ? "+" : "")
                    + " problem(s) in the file; nothing was imported. Each error gives the line, the column and the reason.",
                    shown).with("invalidRows", errors.stream().map(Problem.FieldError::line).distinct().count());
        }
        return wanted;
    }

    private static String get(CsvReader.Row row, Map<String, Integer> index, String column) {
        // a file exported by the suite wrote '=... for a name starting with =: read back the name itself
        return CsvWriter.restoreText(row.fields().get(index.get(column)));
    }

    // ------------------------------------------------------------------ import

    /**
     * Imports a phase. {@code effectiveDate}: when perimeter changes take effect (default today); new territories'
     * groupements are members from that date.
     */
    @Transactional
    public Report importPhase(Caller caller, String phaseCode, String csv, boolean dryRun, LocalDate effectiveDate,
                              String action) {
        Phase phase = repository.phase(phaseCode).orElseThrow(() -> ProblemException.notFound(
                "Unknown phase " + phaseCode + "; create it first (POST /api/v1/phases)."));
        LocalDate effective = effectiveDate != null ? effectiveDate : LocalDate.now(clock);
        Map<String, Wanted> wanted = parse(phase.code(), csv);
        repository.lockSeed();

        Map<String, Territory> current = new LinkedHashMap<>();
        (dryRun ? repository.byPhase(phase.code()) : repository.byPhaseForUpdate(phase.code()))
                .forEach(t -> current.put(t.tiId(), t));

        List<TerritoryRef> added = new ArrayList<>();
        List<TerritoryRef> relabelled = new ArrayList<>();
        List<TerritoryRef> removed = new ArrayList<>();
        List<Renaming> renamed = new ArrayList<>();
        List<TerritoryRef> movedRegion = new ArrayList<>();
        List<GroupementChange> joining = new ArrayList<>();
        List<GroupementChange> leaving = new ArrayList<>();
        List<GroupementRenaming> groupementsRenamed = new ArrayList<>();
        List<Problem.FieldError> dateErrors = new ArrayList<>();

        List<Wanted> toInsert = new ArrayList<>();
        List<TerritoryRepository.TerritoryUpdate> updates = new ArrayList<>();
        List<Perimeters.Applied> perimeterChanges = new ArrayList<>();
        Map<Long, String> eventType = new LinkedHashMap<>();

        for (Wanted w : wanted.values()) {
            Territory t = current.get(w.tiId());
            if (t == null) {
                added.add(new TerritoryRef(w.tiId(), w.name()));
                w.members().forEach(m -> joining.add(new GroupementChange(w.tiId(), m.siren(), m.name())));
                toInsert.add(w);
                continue;
            }
            Perimeters.Diff diff = Perimeters.diff(t, w.members());
            String dateProblem = Perimeters.effectiveDateProblem(diff, effective);
            if (dateProblem != null) {
                dateErrors.add(new Problem.FieldError("effectiveDate", w.tiId() + ": " + dateProblem));
            }
            boolean relabel = !t.labelled();
            boolean rename = !t.name().equals(w.name());
            boolean move = !t.regionCode().equals(w.regionCode());
            if (relabel) {
                relabelled.add(new TerritoryRef(w.tiId(), w.name()));
            }
            if (rename) {
                renamed.add(new Renaming(w.tiId(), t.name(), w.name()));
            }
            if (move) {
                movedRegion.add(new TerritoryRef(w.tiId(), w.name()));
            }
            diff.joining().forEach(m -> joining.add(new GroupementChange(w.tiId(), m.siren(), m.name())));
            diff.leaving().forEach(m -> leaving.add(new GroupementChange(w.tiId(), m.siren(), m.name())));
            for (int i = 0; i < diff.renamed().size(); i++) {
                groupementsRenamed.add(new GroupementRenaming(w.tiId(), diff.renamed().get(i).siren(),
                        diff.renamedFrom().get(i).name(), diff.renamed().get(i).name()));
            }
            if (!relabel && !rename && !move && diff.isEmpty()) {
                continue;
            }
            updates.add(new TerritoryRepository.TerritoryUpdate(t.id(), w.name(), w.regionCode(), Territory.LABELLED,
                    t.labelledOn(), relabel ? null : t.delabelledOn(), t.notes()));
            if (!diff.isEmpty()) {
                perimeterChanges.add(new Perimeters.Applied(t.id(), diff, effective));
            }
            eventType.put(t.id(), relabel ? TerritoryEvents.LABELLED
                    : diff.membershipChanged() ? TerritoryEvents.PERIMETER_CHANGED : TerritoryEvents.UPDATED);
        }
        for (Territory t : current.values()) {
            if (!wanted.containsKey(t.tiId()) && t.labelled()) {
                removed.add(new TerritoryRef(t.tiId(), t.name()));
                updates.add(new TerritoryRepository.TerritoryUpdate(t.id(), t.name(), t.regionCode(),
                        Territory.DELABELLED, t.labelledOn(), effective, t.notes()));
                eventType.put(t.id(), TerritoryEvents.DELABELLED);
            }
        }
        if (!dateErrors.isEmpty()) {
            throw ProblemException.validation("Some groupements would leave before they joined; choose a later "
                    + "effectiveDate. Nothing was imported.", dateErrors);
        }
        boolean changed = !toInsert.isEmpty() || !updates.isEmpty();
        int events = toInsert.size() + eventType.size();
        if (!dryRun && changed) {
            List<Long> ids = repository.insertTerritories(toInsert.stream().map(w -> new TerritoryRepository.NewTerritory(
                    phase.code(), w.tiId(), w.name(), w.regionCode(), Territory.LABELLED, null, null)).toList());
            for (int i = 0; i < ids.size(); i++) {
                Wanted w = toInsert.get(i);
                perimeterChanges.add(new Perimeters.Applied(ids.get(i),
                        new Perimeters.Diff(w.members(), List.of(), List.of(), List.of()), effective));
            }
            repository.update(updates);
            perimeters.apply(perimeterChanges);
            Map<Long, String> types = new LinkedHashMap<>();
            ids.forEach(id -> types.put(id, TerritoryEvents.LABELLED));
            types.putAll(eventType);
            List<Territory> after = repository.byIds(types.keySet());
            Map<Long, String> search = new HashMap<>();
            Map<String, Department> departments = references.departments();
            for (Territory t : after) {
                search.put(t.id(), SearchText.of(t));
                outbox.append(TerritoryEvents.event(types.get(t.id()), t, departments));
                audit.record(caller, action + "." + shortType(types.get(t.id())), "territory", t.key(), null,
                        AuditLog.Concerns.territory(t.phase(), t.tiId(), t.regionCode()));
            }
            repository.updateSearchText(search);
            audit.record(caller, action, "phase", phase.code(), sha256(csv));
        }
        return new Report(phase.code(), dryRun, changed, effective, wanted.size(),
                wanted.values().stream().mapToInt(w -> w.members().size()).sum(),
                added, relabelled, removed, renamed, movedRegion, joining, leaving, groupementsRenamed,
                dryRun ? 0 : (changed ? events : 0));
    }

    private static String shortType(String ceType) {
        return ceType.replace("fr.gouv.ti.territory.", "").replace(".v1", "");
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ export

    /**
     * The labelled territories of a phase and their current groupements, in the import's columns, separated as
     * asked (the semicolon variant is the one for spreadsheets, see {@link CsvWriter}).
     */
    public String export(String phaseCode, CsvSeparator separator) {
        Phase phase = repository.phase(phaseCode).orElseThrow(() -> ProblemException.notFound(
                "Unknown phase " + phaseCode + "."));
        Map<String, Region> regions = references.regions();
        StringBuilder out = new StringBuilder(128 * 1024);
        CsvWriter csv = new CsvWriter(out, separator);
        csv.row(COLUMNS);
        for (Territory t : repository.byPhase(phase.code())) {
            if (!t.labelled()) {
                continue;
            }
            Region r = regions.get(t.regionCode());
            for (Member m : t.currentPerimeter()) {
                csv.row(List.of(t.phase(), t.tiId(), t.name(), t.regionCode(), r == null ? "" : r.name(),
                        String.join(";", m.departmentCodes()), m.siren(), m.name(), m.nature(),
                        m.officialName() == null ? "" : m.officialName()));
            }
        }
        return out.toString();
    }
}
