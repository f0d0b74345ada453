package fr.gouv.ti.measure.convention;

import fr.gouv.ti.commons.audit.AuditLog;
import fr.gouv.ti.commons.core.csv.CsvReader;
import fr.gouv.ti.commons.security.Caller;
import fr.gouv.ti.measure.domain.CatalogueVersion;
import fr.gouv.ti.measure.domain.MeasureEntry;
import fr.gouv.ti.measure.service.ReferenceData;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * At first start, records the four conventions de mobilisation of 5 March 2019 from
 * {@code seed/conventions/{conventions,parties,commitments}.csv} (sources in the module's README and in every row).
 * Loaded once: the data set and its SHA-256 go to {@code convention_seed_run}, and a restart finds it there. An empty
 * cell is something the sources do not give, stored as null. Runs after the catalogue seed, so that the measure codes
 * the commitments name can be checked against the catalogue.
 */
@ApplicationScoped
public class ConventionSeeder {

    private static final Logger LOG = Logger.getLogger(ConventionSeeder.class);

    public static final String DATASET = "conventions-2019";
    static final String DIR = "seed/conventions/";
    static final List<String> FILES = List.of("conventions.csv", "parties.csv", "commitments.csv");
    public static final Pattern CODE = Pattern.compile("^CONV-[0-9]{4}-[A-Z0-9]+(-[A-Z0-9]+)*$");
    private static final Pattern MEASURE = Pattern.compile("^[A-Z][A-Z_]*-[0-9]{2,3}$");

    private final ReferenceData reference;
    private final AuditLog audit;
    private final boolean enabled;

    public ConventionSeeder(ReferenceData reference, AuditLog audit,
                            @ConfigProperty(name = "ti.measure.conventions.seed.enabled", defaultValue = "true")
                            boolean enabled) {
        this.reference = reference;
        this.audit = audit;
        this.enabled = enabled;
    }

    // after CatalogueSeeder (default priority APPLICATION + 500)
    void onStart(@Observes @Priority(jakarta.interceptor.Interceptor.Priority.APPLICATION + 600) StartupEvent event) {
        if (enabled) {
            LOG.infof(seed() ? "conventions seeded (%s)" : "conventions already recorded (%s): seed skipped", DATASET);
        }
    }

    /** Returns true when it recorded the conventions, false when the data set was already loaded. */
    @Transactional
    public boolean seed() {
        var em = Panache.getEntityManager();
        em.createNativeQuery("select pg_advisory_xact_lock(hashtext('convention-seed'))").getSingleResult();
        if (!em.createNativeQuery("select 1 from convention_seed_run where dataset = ?1")
                .setParameter(1, DATASET).getResultList().isEmpty()) {
            return false;
        }
        Map<String, byte[]> files = new HashMap<>();
        for (String f : FILES) {
            files.put(f, resource(DIR + f));
        }
        Set<String> knownMeasures = CatalogueVersion.count() == 0 ? null : Set.copyOf(
                MeasureEntry.<MeasureEntry>listAll().stream().map(m -> m.code).toList());

        Map<String, Convention> conventions = new HashMap<>();
        int line = 1;
        for (Map<String, String> row : rows("conventions.csv", files)) {
            line++;
            Convention c = new Convention();
            c.code = required(row, "code", "conventions.csv", line);
            if (!CODE.matcher(c.code).matches() || conventions.containsKey(c.code)) {
                throw fault("conventions.csv", line, "code " + c.code + " malformed or repeated");
            }
            c.operatorCode = operator(row.get("operator"), "conventions.csv", line);
            c.label = required(row, "label", "conventions.csv", line);
            c.signedOn = date(row.get("signed_on"), "conventions.csv", line);
            c.signedOnSource = blank(row.get("signed_on_source"));
            c.place = blank(row.get("place"));
            c.occasion = blank(row.get("occasion"));
            c.occasionSource = blank(row.get("occasion_source"));
            c.documentReference = blank(row.get("document_reference"));
            String years = blank(row.get("duration_years"));
            c.durationYears = years == null ? null : Integer.valueOf(years);
            c.durationSource = blank(row.get("duration_source"));
            setSource(row.get("source_url"), s -> c.sourceUrl = s, s -> c.sourceCitation = s);
            c.persist();
            conventions.put(c.code, c);
        }

        Map<String, ConventionParty> parties = new HashMap<>();
        line = 1;
        for (Map<String, String> row : rows("parties.csv", files)) {
            line++;
            Convention c = convention(conventions, row.get("convention"), "parties.csv", line);
            String operator = operator(row.get("operator"), "parties.csv", line);
            ConventionParty p = parties.get(c.code + "/" + operator);
            if (p == null) {
                p = new ConventionParty();
                p.convention = c;
                p.position = c.parties.size() + 1;
                p.operatorCode = operator;
                p.role = required(row, "role", "parties.csv", line);
                p.sourceUrl = required(row, "source_url", "parties.csv", line);
                p.persist();
                c.parties.add(p);
                parties.put(c.code + "/" + operator, p);
            }
            String name = blank(row.get("signatory"));
            if (name != null) {
                ConventionSignatory s = new ConventionSignatory();
                s.party = p;
                s.position = p.signatories.size() + 1;
                s.name = name;
                s.title = blank(row.get("signatory_title"));
                s.sourceUrl = required(row, "source_url", "parties.csv", line);
                s.persist();
                p.signatories.add(s);
            }
        }

        line = 1;
        for (Map<String, String> row : rows("commitments.csv", files)) {
            line++;
            Convention c = convention(conventions, row.get("convention"), "commitments.csv", line);
            ConventionCommitment k = new ConventionCommitment();
            k.convention = c;
            k.position = c.commitments.size() + 1;
            k.kind = required(row, "kind", "commitments.csv", line);
            k.description = required(row, "description", "commitments.csv", line);
            String amount = blank(row.get("amount_cents"));
            k.amountCents = amount == null ? null : Long.valueOf(amount);
            k.amountBasis = blank(row.get("amount_basis"));
            k.period = blank(row.get("period"));
            setSource(row.get("source_url"), s -> k.sourceUrl = s, s -> k.sourceCitation = s);
            k.note = blank(row.get("note"));
            String measures = blank(row.get("measures"));
            if (measures != null) {
                for (String m : measures.split(";")) {
                    String code = m.trim();
                    if (!MEASURE.matcher(code).matches() || (knownMeasures != null && !knownMeasures.contains(code))) {
                        throw fault("commitments.csv", line, "measure " + code + " is not in the catalogue");
                    }
                    k.measureCodes.add(code);
                }
            }
            k.persist();
            c.commitments.add(k);
        }
        em.flush();
        em.createNativeQuery("insert into convention_seed_run (dataset, sha256) values (?1, ?2)")
                .setParameter(1, DATASET).setParameter(2, sha256(files)).executeUpdate();
        audit.record(Caller.system("seed"), "convention.seed", "convention", DATASET, null);
        return true;
    }

    private String operator(String code, String file, int line) {
        return reference.resolveOperator(blank(code)).orElseThrow(() -> fault(file, line, "unknown operator " + code));
    }

    private static Convention convention(Map<String, Convention> all, String code, String file, int line) {
        Convention c = all.get(code);
        if (c == null) {
            throw fault(file, line, "unknown convention " + code);
        }
        return c;
    }

    private static void setSource(String value, java.util.function.Consumer<String> url,
                                  java.util.function.Consumer<String> citation) {
        String v = blank(value);
        if (v == null) {
            return;
        }
        if (v.startsWith("http://") || v.startsWith("https://")) {
            url.accept(v);
        } else {
            citation.accept(v);
        }
    }

    private static LocalDate date(String value, String file, int line) {
        String v = blank(value);
        try {
            return v == null ? null : LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw fault(file, line, "date " + v);
        }
    }

    private static String required(Map<String, String> row, String column, String file, int line) {
        String v = blank(row.get(column));
        if (v == null) {
            throw fault(file, line, column + " is required");
        }
        return v;
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static IllegalStateException fault(String file, int line, String what) {
        return new IllegalStateException("seed " + DIR + file + " line " + line + ": " + what);
    }

    private static List<Map<String, String>> rows(String file, Map<String, byte[]> files) {
        try {
            return CsvReader.read(files.get(file)).maps();
        } catch (CsvReader.Refused e) {
            throw new IllegalStateException("seed " + DIR + file + ": " + e.getMessage(), e);
        }
    }

    private static byte[] resource(String path) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("seed file not found: " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + path, e);
        }
    }

    static String sha256(Map<String, byte[]> files) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            for (String f : FILES) {
                d.update(f.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                d.update(files.get(f));
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
