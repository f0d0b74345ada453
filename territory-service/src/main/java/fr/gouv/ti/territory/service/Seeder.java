package fr.gouv.ti.territory.service;

import fr.gouv.ti.commons.core.csv.CsvReader;
import fr.gouv.ti.commons.security.Caller;
import fr.gouv.ti.territory.domain.Department;
import fr.gouv.ti.territory.domain.Phase;
import fr.gouv.ti.territory.domain.Region;
import fr.gouv.ti.territory.domain.TerritoryRepository;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * First start: loads the reference codes and both phases from the copies kept in {@code src/main/resources/seed}
 * (sources in the module's README). Each data set is loaded once (table {@code seed_run}), so later administrative
 * changes are never overwritten by a restart; the phases go through the bulk import, which emits one
 * {@code territory.labelled} event per territory.
 */
@ApplicationScoped
public class Seeder {

    private static final Logger LOG = Logger.getLogger(Seeder.class);
    static final List<String[]> PHASES = List.of(
            new String[]{"2019-2022", "seed/territoires_industrie_2019_2022_epci.csv"},
            new String[]{"2023-2027", "seed/territoires_industrie_2023_2027_epci.csv"});

    private final TerritoryRepository repository;
    private final PhaseImportService imports;
    private final ReferenceData references;
    private final CommuneImportService communes;
    private final boolean enabled;

    public Seeder(TerritoryRepository repository, PhaseImportService imports, ReferenceData references,
                  CommuneImportService communes,
                  @ConfigProperty(name = "ti.territory.seed.enabled", defaultValue = "true") boolean enabled) {
        this.repository = repository;
        this.imports = imports;
        this.references = references;
        this.communes = communes;
        this.enabled = enabled;
    }

    void onStart(@Observes StartupEvent ev) {
        if (enabled) {
            seed();
        } else {
            references.refresh(); // reads of reference data answer from memory on the event loop
        }
    }

    /** Idempotent: returns the number of data sets loaded by this call. */
    public int seed() {
        long start = System.nanoTime();
        int loaded = seedReferences();
        references.refresh();
        for (String[] p : PHASES) {
            if (seedPhase(p[0], p[1])) {
                loaded++;
            }
        }
        if (seedCommunes()) {
            loaded++;
        }
        LOG.infof("seed: %d data set(s) loaded in %d ms", loaded, (System.nanoTime() - start) / 1_000_000);
        return loaded;
    }

    @Transactional
    int seedReferences() {
        repository.lockSeed();
        if (repository.seeded("ref_cog2026")) {
            return 0;
        }
        String regions = resource("seed/ref_regions_cog2026.csv");
        String departments = resource("seed/ref_departements_cog2026.csv");
        List<Region> r = new ArrayList<>();
        for (CsvReader.Row row : rows(regions)) {
            List<String> f = row.fields();
            r.add(new Region(f.get(0), f.get(1), f.get(2), f.get(3)));
        }
        List<Department> d = new ArrayList<>();
        for (CsvReader.Row row : rows(departments)) {
            List<String> f = row.fields();
            d.add(new Department(f.get(0), f.get(1), f.get(2), f.get(3), f.get(4)));
        }
        repository.insertRegions(r);
        repository.insertDepartments(d);
        repository.markSeeded("ref_cog2026", PhaseImportService.sha256(regions + departments));
        return 1;
    }

    @Transactional
    boolean seedPhase(String phaseCode, String path) {
        repository.lockSeed();
        String dataset = "territories_" + phaseCode;
        if (repository.seeded(dataset)) {
            return false;
        }
        Phase phase = repository.phase(phaseCode).orElseThrow();
        String csv = resource(path);
        PhaseImportService.Report report = imports.importPhase(Caller.system("seed"), phaseCode, csv, false,
                phase.startsOn(), "territory.seed");
        repository.markSeeded(dataset, PhaseImportService.sha256(csv));
        LOG.infof("seed: phase %s, %d territories, %d events", phaseCode, report.territoriesInFile(),
                report.eventsEmitted());
        return true;
    }

    @Transactional
    boolean seedCommunes() {
        repository.lockSeed();
        if (repository.seeded("communes_cog2026")) {
            return false;
        }
        String csv = resource("seed/communes_cog2026.csv");
        CommuneImportService.Report report = communes.importCommunes(Caller.system("seed"), csv, false);
        repository.markSeeded("communes_cog2026", PhaseImportService.sha256(csv));
        LOG.infof("seed: %d communes", report.communesInFile());
        return true;
    }

    private static List<CsvReader.Row> rows(String text) {
        try {
            return CsvReader.parse(text).rows();
        } catch (CsvReader.Refused e) {
            throw new IllegalStateException("seed file: " + e.getMessage(), e);
        }
    }

    static String resource(String path) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing seed resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
