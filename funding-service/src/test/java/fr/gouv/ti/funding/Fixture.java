package fr.gouv.ti.funding;

import fr.gouv.ti.testsupport.EmbeddedInfrastructure;
import fr.gouv.ti.testsupport.Identities;
import fr.gouv.ti.testsupport.TopicProbe;
import io.restassured.response.ValidatableResponse;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** Helpers shared by the funding tests: each test works on its own territory and fiches-actions. */
final class Fixture {

    static final String ADMIN = "admin";

    private Fixture() {
    }

    static String identity(String who) {
        return who.equals(ADMIN) ? Identities.nationalAdmin() : Identities.operator(who);
    }

    static ValidatableResponse post(String who, String path, String body) {
        return post(who, path, body, UUID.randomUUID().toString());
    }

    static ValidatableResponse post(String who, String path, String body, String key) {
        var spec = given().header(Identities.HEADER, identity(who)).contentType("application/json").body(body);
        if (key != null) {
            spec = spec.header("Idempotency-Key", key);
        }
        return (path.startsWith("/api/v1/funding/programme/") ? spec.put(path) : spec.post(path)).then();
    }

    /** Measure codes the funding tests allocate on, published once as the measure catalogue would be. */
    static final List<String> TEST_MEASURES = List.of("INNOVER_PIA", "ATTIRER_BDT", "RECRUTER_PIC", "TRANSITION_ADEME",
            "ATTIRER_BF", "ATTIRER_AL", "RECRUTER_APEC");
    private static boolean cataloguePublished;

    /** A territory id no other test uses, published by the registry in region 84 (and the test catalogue). */
    static String newTerritory() {
        String ti = unknownTerritory();
        territoriesKnown(List.of(ti), "84");
        return ti;
    }

    /** A territory id nobody has published. */
    static String unknownTerritory() {
        return "ti-" + Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36, 36L * 36 * 36 * 36 * 36 * 36), 36);
    }

    /**
     * Publishes territory.labelled on ti.territory.v1 as territory-service would (lead region first, then the
     * others of a territory that straddles regions), and waits until the ledger knows them.
     */
    static void territoriesKnown(List<String> tiIds, String... regions) {
        catalogueKnown();
        String codes = String.join("\",\"", regions);
        for (String ti : tiIds) {
            TopicProbe.send("ti.territory.v1", "2019-2022/" + ti, """
                            {"phase":"2019-2022","tiId":"%s","name":"Territoire de test %s","regionCode":"%s",
                             "regionCodes":["%s"],"departmentCodes":[],"status":"LABELLED","perimeter":[],"pilots":[],
                             "version":1,"someFutureField":true}""".formatted(ti, ti, regions[0], codes),
                    "ce_id", UUID.randomUUID().toString(), "ce_type", "fr.gouv.ti.territory.labelled.v1",
                    "ce_source", "/territory-service", "ce_specversion", "1.0");
        }
        String in = "'" + String.join("','", tiIds) + "'";
        await().atMost(Duration.ofSeconds(30)).until(() ->
                scalar("select count(*) from territory_ref where ti_id in (" + in + ")") == tiIds.size());
    }

    private static boolean referencePublished;

    /**
     * The reference data measure-service publishes at start (reference.published version 1: its operators with the
     * alias POLE_EMPLOI, and the three funding sources of its V4 migration), once per JVM; waits until the ledger
     * knows it. Without it the ledger knows no operator or source code.
     */
    static synchronized void referenceKnown() {
        if (referencePublished) {
            return;
        }
        publishReference(1, "");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                scalar("select count(*) from reference_code where kind = 'OPERATOR' and code = 'POLE_EMPLOI'") == 1);
        referencePublished = true;
    }

    /** Publishes a reference snapshot as measure-service would, with extra funding sources (JSON objects) if any. */
    static void publishReference(int version, String extraSources) {
        // code and name in force as in measure-service's V2 migration
        java.util.Map<String, String> names = new java.util.TreeMap<>(java.util.Map.of(
                "ACTION_LOGEMENT", "Action Logement", "ADEME", "ADEME", "APEC", "Apec",
                "BANQUE_DES_TERRITOIRES", "Banque des Territoires", "BPIFRANCE", "Bpifrance",
                "BUSINESS_FRANCE", "Business France", "CNAM", "Cnam (Conservatoire national des arts et métiers)",
                "ETAT", "État (ministères et services de l'État)", "FRANCE_TRAVAIL", "France Travail"));
        String operators = String.join(",", names.entrySet().stream().map(e -> """
                {"code":"%s","officialName":"%s","kind":"%s","names":[],"aliases":%s,
                 "sourceUrl":"https://banquedesterritoires.fr/territoires-dindustrie-les-operateurs-publics-sengagent"}"""
                .formatted(e.getKey(), e.getValue(), e.getKey().equals("ETAT") ? "STATE" : "NATIONAL_OPERATOR",
                        e.getKey().equals("FRANCE_TRAVAIL") ? "[\"POLE_EMPLOI\"]" : "[]")).toList());
        String source = "https://www.linfodurable.fr/le-gouvernement-veut-developper-les-territoires-dindustrie-7547";
        TopicProbe.send("ti.measure.v1", "catalogue", """
                        {"version":%d,"operators":[%s],"axes":[],"fundingSources":[
                          {"code":"PIC","name":"Plan d'investissement dans les compétences","sourceUrl":"%s"},
                          {"code":"PIA","name":"Programme d'investissements d'avenir","sourceUrl":"%s"},
                          {"code":"BANQUE_DES_TERRITOIRES","name":"Banque des Territoires (groupe Caisse des Dépôts)",
                           "operator":"BANQUE_DES_TERRITOIRES","sourceUrl":"%s"}%s]}"""
                        .formatted(version, operators, source, source, source, extraSources),
                "ce_id", UUID.randomUUID().toString(), "ce_type", "fr.gouv.ti.reference.published.v1",
                "ce_source", "/measure-service", "ce_specversion", "1.0");
    }

    /** Publishes the test measures as catalogue version 1, once per JVM, and waits until the ledger knows them. */
    static synchronized void catalogueKnown() {
        referenceKnown();
        if (cataloguePublished) {
            return;
        }
        List<String> enjeux = List.of("RECRUTER", "INNOVER", "ATTIRER", "SIMPLIFIER");
        String measures = String.join(",", TEST_MEASURES.stream().map(code -> {
            String prefix = code.substring(0, code.indexOf('_'));
            return """
                    {"code":"%s","title":"Mesure de test %s","axis":%s,"phase":"2019-2022","status":"ACTIVE"}"""
                    .formatted(code, code, enjeux.contains(prefix) ? "\"" + prefix + "\"" : "null");
        }).toList());
        TopicProbe.send("ti.measure.v1", "catalogue", """
                        {"version":1,"effectiveDate":"2019-01-01","label":"catalogue de test","measures":[%s]}"""
                        .formatted(measures),
                "ce_id", UUID.randomUUID().toString(), "ce_type", "fr.gouv.ti.catalogue.published.v1",
                "ce_source", "/measure-service", "ce_specversion", "1.0");
        String in = "'" + String.join("','", TEST_MEASURES) + "'";
        await().atMost(Duration.ofSeconds(30)).until(() ->
                scalar("select count(*) from measure_ref where code in (" + in + ")") == TEST_MEASURES.size());
        cataloguePublished = true;
    }

    /** Makes sure the PIA source line holds EUR 1bn (idempotent across test classes). */
    static synchronized void programmeFunded() {
        referenceKnown();
        long pia = scalar("select inflow_cents from account where code = 'source:PIA'");
        if (pia < 100_000_000_000L) {
            post(ADMIN, "/api/v1/funding/programme/sources/PIA",
                    "{\"amountCents\":100000000000,\"effectiveDate\":\"2019-01-15\",\"reason\":\"test envelope\"}")
                    .statusCode(201);
        }
    }

    /** Tops up an operator's line from PIA. */
    static void lineFunded(String operator, long cents) {
        programmeFunded();
        post(ADMIN, "/api/v1/funding/operator-lines", """
                {"operator":"%s","sourceCode":"PIA","amountCents":%d,"effectiveDate":"2019-02-01"}"""
                .formatted(operator, cents)).statusCode(201);
    }

    /** Allocates to (2019-2022, tiId) × measure on an operator's line; returns the allocation account id. */
    static long allocated(String operator, String tiId, String measure, long cents) {
        lineFunded(operator, cents);
        return post(ADMIN, "/api/v1/funding/allocations", """
                {"operator":"%s","phase":"2019-2022","tiId":"%s","regionCode":"84","measureCode":"%s",
                 "amountCents":%d,"effectiveDate":"2019-06-01"}""".formatted(operator, tiId, measure, cents))
                .statusCode(201).extract().jsonPath().getLong("accounts.find { it.kind == 'ALLOCATION' }.id");
    }

    /** Allocates without naming the region (the ledger takes the registry's); returns the allocation account id. */
    static long allocatedWithoutRegion(String operator, String tiId, String measure, long cents) {
        lineFunded(operator, cents);
        return post(ADMIN, "/api/v1/funding/allocations", """
                {"operator":"%s","phase":"2019-2022","tiId":"%s","measureCode":"%s","amountCents":%d,
                 "effectiveDate":"2019-06-01"}""".formatted(operator, tiId, measure, cents))
                .statusCode(201).extract().jsonPath().getLong("accounts.find { it.kind == 'ALLOCATION' }.id");
    }

    /** Publishes action.created on ti.contract.v1 as contract-service would, and waits for the projection. */
    static String actionKnown(String tiId, List<String> measures) {
        String actionId = UUID.randomUUID().toString();
        String codes = String.join("\",\"", measures);
        TopicProbe.send("ti.contract.v1", UUID.randomUUID().toString(), """
                        {"actionId":"%s","contractId":"%s","phase":"2019-2022","tiId":"%s","regionCode":"84",
                         "title":"Fiche-action de test","axis":"INNOVER","measureCodes":["%s"],"status":"READY",
                         "estimatedCostCents":100000000,"requestedFunding":[],"someFutureField":1}"""
                        .formatted(actionId, UUID.randomUUID(), tiId, codes),
                "ce_id", UUID.randomUUID().toString(), "ce_type", "fr.gouv.ti.action.created.v1",
                "ce_source", "/contract-service", "ce_specversion", "1.0");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                scalar("select count(*) from funding_action where action_id = '" + actionId + "'") == 1);
        return actionId;
    }

    /** Commits on a fiche-action; returns the commitment account id. */
    static long committed(String operator, String actionId, String measure, long cents) {
        return post(operator, "/api/v1/funding/commitments", """
                {"actionId":"%s","measureCode":"%s","amountCents":%d,"effectiveDate":"2020-03-10",
                 "beneficiaryName":"Communauté de communes de test","beneficiarySiret":"20003573100013"}"""
                .formatted(actionId, measure, cents))
                .statusCode(201).extract().jsonPath().getLong("accounts.find { it.kind == 'COMMITMENT' }.id");
    }

    static Connection db() throws SQLException {
        return DriverManager.getConnection(EmbeddedInfrastructure.database("funding"), "postgres", "postgres");
    }

    static long scalar(String sql) {
        try (Connection c = db(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Counts of everything a write leaves behind, to prove a refused request wrote nothing. */
    static List<Long> footprint() {
        return List.of(scalar("select count(*) from ledger_transaction"), scalar("select count(*) from ledger_entry"),
                scalar("select count(*) from audit_log"), scalar("select count(*) from idempotency_record"),
                scalar("select count(*) from outbox_event"), scalar("select count(*) from account"),
                scalar("select coalesce(sum(inflow_cents + outflow_cents), 0) from account"));
    }
}
