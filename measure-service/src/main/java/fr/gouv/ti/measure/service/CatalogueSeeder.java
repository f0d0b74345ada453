package fr.gouv.ti.measure.service;

import fr.gouv.ti.commons.audit.AuditLog;
import fr.gouv.ti.commons.core.csv.CsvReader;
import fr.gouv.ti.commons.outbox.Outbox;
import fr.gouv.ti.commons.security.Caller;
import fr.gouv.ti.measure.config.MeasureConfig;
import fr.gouv.ti.measure.domain.Axis;
import fr.gouv.ti.measure.domain.CatalogueVersion;
import fr.gouv.ti.measure.domain.MeasureEntry;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * At first start, publishes catalogue version 1, the launch basket, from the sourced offer of services
 * ({@code seed/offer_services_sourced.csv}, a copy of shared/data; sources in README.md). The version states the
 * official count (17 measures, CGET, Nov. 2018) and holds only the entries actually known, each with its source:
 * the missing measures are not invented. Idempotent: does nothing once any catalogue version exists.
 */
@ApplicationScoped
public class CatalogueSeeder {

    private static final Logger LOG = Logger.getLogger(CatalogueSeeder.class);

    public static final LocalDate LAUNCH_DATE = LocalDate.of(2018, 11, 22);
    public static final String LABEL = "Panier de lancement (novembre 2018)";
    public static final int OFFICIAL_COUNT = 17;
    public static final String OFFICIAL_COUNT_SOURCE = "https://www.cget.gouv.fr/dossiers/territoires-dindustrie";
    public static final String OFFICIAL_COUNT_NOTE = "17 measures under 4 enjeux at the launch of 22 Nov. 2018 (CGET; "
            + "also https://www.brefeco.com/actualite/etat-organismes-publics/15-territoires-dindustrie-labellises-en-"
            + "auvergne-rhone-alpes and https://www.lafrenchfab.fr/2019/08/21/territoires-dindustrie-3-questions-pour-"
            + "comprendre-ce-programme/); one CNER page says 18. The full official list was not found: this version "
            + "holds the entries known from sources (3 with official or partial wording, the others paraphrased, some "
            + "first seen after 2018), not 17 invented ones.";

    private static final Pattern WORDING = Pattern.compile("^(official|partial|paraphrase)\\s*(?:\\((.*)\\))?$");
    private static final Pattern DATE = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}$");
    private static final Pattern YEAR = Pattern.compile("^\\d{4}$");

    private final MeasureConfig config;
    private final ReferenceData reference;
    private final Outbox outbox;
    private final AuditLog audit;

    public CatalogueSeeder(MeasureConfig config, ReferenceData reference, Outbox outbox, AuditLog audit) {
        this.config = config;
        this.reference = reference;
        this.outbox = outbox;
        this.audit = audit;
    }

    void onStart(@Observes StartupEvent event) {
        if (config.seed().enabled()) {
            boolean loaded = seed();
            LOG.infof(loaded ? "catalogue seeded: version 1 (launch basket) published"
                    : "catalogue already present: seed skipped");
        }
    }

    /** Returns true when it published version 1, false when the catalogue already had a version. */
    @Transactional
    public boolean seed() {
        CatalogueEditor.lockCatalogue();
        if (CatalogueVersion.count() > 0) {
            return false;
        }
        List<Map<String, String>> rows;
        try (InputStream in = Thread.currentThread().getContextClassLoader()
                .getResourceAsStream(config.seed().resource())) {
            if (in == null) {
                throw new IllegalStateException("seed file not found: " + config.seed().resource());
            }
            rows = CsvReader.read(in.readAllBytes()).maps();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the seed file", e);
        } catch (CsvReader.Refused e) {
            throw new IllegalStateException("seed file " + config.seed().resource() + ": " + e.getMessage(), e);
        }
        CatalogueVersion v = new CatalogueVersion();
        v.number = 1;
        v.label = LABEL;
        v.officialCount = OFFICIAL_COUNT;
        v.officialCountSource = OFFICIAL_COUNT_SOURCE;
        v.officialCountNote = OFFICIAL_COUNT_NOTE;
        v.persist();
        Map<String, Integer> perAxis = new HashMap<>();
        int line = 1;
        for (Map<String, String> row : rows) {
            line++;
            entry(v, row, perAxis, line).persist();
        }
        // measures (and their operator rows) are written while the version is a draft; then it is frozen
        Panache.getEntityManager().flush();
        v.effectiveDate = LAUNCH_DATE;
        v.status = CatalogueVersion.PUBLISHED;
        v.publishedAt = Instant.now();
        v.updatedAt = v.publishedAt;
        v.revision++;
        outbox.append(MeasureEvents.published(v, MeasureEntry.ofVersion(v)));
        audit.record(Caller.system("seed"), "catalogue.seed", "catalogue_version", "1", null);
        return true;
    }

    private MeasureEntry entry(CatalogueVersion v, Map<String, String> row, Map<String, Integer> perAxis, int line) {
        Axis axis = reference.axis(row.get("enjeu")).orElseThrow(() ->
                new IllegalStateException("seed line " + line + ": unknown enjeu " + row.get("enjeu")));
        String operator = reference.resolveOperator(row.get("operator")).orElseThrow(() ->
                new IllegalStateException("seed line " + line + ": unknown operator " + row.get("operator")));
        Matcher w = WORDING.matcher(row.get("wording"));
        if (!w.matches()) {
            throw new IllegalStateException("seed line " + line + ": wording " + row.get("wording"));
        }
        int n = perAxis.merge(axis.code, 1, Integer::sum);
        MeasureEntry m = new MeasureEntry();
        m.version = v;
        // deterministic stable codes: axis code + rank of the row within its axis in the seed file
        m.code = String.format("%s-%02d", axis.code, n);
        m.axisCode = axis.code;
        m.phase = axis.phase;
        m.titleFr = row.get("title_fr");
        m.operators.add(operator);
        String firstSeen = row.get("first_seen");
        m.firstSeen = firstSeen;
        // validity starts when the sources first show the measure: that day, or 1 January of the year given
        if (DATE.matcher(firstSeen).matches()) {
            m.validFrom = LocalDate.parse(firstSeen);
        } else if (YEAR.matcher(firstSeen).matches()) {
            m.validFrom = LocalDate.of(Integer.parseInt(firstSeen), 1, 1);
        }
        String source = row.get("source_url");
        if (source.startsWith("http://") || source.startsWith("https://")) {
            m.sourceUrl = source;
        } else {
            m.sourceCitation = source;
        }
        m.wording = w.group(1).toUpperCase(Locale.ROOT);
        m.wordingNote = w.group(2);
        m.searchText = SearchText.of(m);
        return m;
    }
}
