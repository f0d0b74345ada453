package fr.gouv.ti.e2e;

import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import org.awaitility.Awaitility;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.UUID;

/** The programme's usual writes through the gateway, as the scenarios and fault tests make them. */
public final class Programme {

    public static final Duration EVENTUALLY = Duration.ofSeconds(60);

    private Programme() {
    }

    /** A write with a fresh Idempotency-Key. */
    public static ValidatableResponse write(RequestSpecification spec, String method, String path, String body) {
        spec = spec.header("Idempotency-Key", UUID.randomUUID().toString()).contentType("application/json").body(body);
        return ("PUT".equals(method) ? spec.put(path) : spec.post(path)).then();
    }

    /**
     * Makes sure the PIC source line holds at least what the fault tests draw from it; each test funds its own
     * operator line, so the tests stay independent of their order.
     */
    public static void ensurePicSource() {
        int status = write(Suite.asAdmin(), "PUT", "/api/v1/funding/programme/sources/PIC",
                "{\"amountCents\":20000000000,\"effectiveDate\":\"2019-01-15\",\"reason\":\"PIC, essais de panne\"}")
                .extract().statusCode();
        if (status != 201 && status != 422) { // 422: already at that amount (nothing to post)
            throw new AssertionError("setting the PIC source answered " + status);
        }
    }

    /**
     * Waits until funding-service has heard of a territory (ti.territory.v1) and of a measure (ti.measure.v1): until
     * then the ledger refuses to allocate to them (422), as it takes the territory's region from the registry.
     */
    public static void ledgerKnows(String tiId, String measureCode) {
        Awaitility.await().atMost(EVENTUALLY).pollInterval(Duration.ofMillis(200)).until(() -> {
            try (Connection c = Suite.database("funding");
                 PreparedStatement ps = c.prepareStatement("select (select count(*) from territory_ref where phase = "
                         + "'2019-2022' and ti_id = ?) + (select count(*) from measure_ref where code = ?)")) {
                ps.setString(1, tiId);
                ps.setString(2, measureCode);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() && rs.getInt(1) == 2;
                }
            }
        });
    }

    /** Opens the contract of a territory once contract-service knows it (territory events). */
    public static String openContract(String regionKey, String tiId) {
        return Awaitility.await().atMost(EVENTUALLY).pollInterval(Duration.ofMillis(500))
                .until(() -> Suite.withKey(regionKey).contentType("application/json")
                                .body("{\"phase\":\"2019-2022\",\"tiId\":\"" + tiId + "\"}").post("/api/v1/contracts"),
                        r -> r.statusCode() == 201).path("contractId");
    }

    public static ValidatableResponse transition(String key, String contractId, String step, String body) {
        String etag = Suite.withKey(key).get("/api/v1/contracts/" + contractId).then().statusCode(200).extract().header("ETag");
        return Suite.withKey(key).header("If-Match", etag).contentType("application/json").body(body)
                .post("/api/v1/contracts/" + contractId + "/" + step).then();
    }

    /** Adds a fiche-action led by an EPCI of the territory's perimeter; returns its id. */
    public static String action(String key, String contractId, String title, String axis, String measure, String date,
                         long cost, String epciName, String epciSiren) {
        return Suite.withKey(key).contentType("application/json").body("""
                        {"title":"%s","description":"Fiche-action du contrat","axis":"%s","measureCodes":["%s"],
                         "actionDate":"%s","leadOrganisation":{"name":"%s","siren":"%s"},
                         "epciSiren":"%s","estimatedCostCents":%d,"requestedFunding":[]}"""
                        .formatted(title, axis, measure, date, epciName, epciSiren, epciSiren, cost))
                .post("/api/v1/contracts/" + contractId + "/actions").then().statusCode(201).extract().path("actionId");
    }

    /** A commitment body; funding-service accepts it once it knows the fiche-action (contract events). */
    public static String commitment(String actionId, String measure, long cents, String decisionReference) {
        return """
                {"actionId":"%s","measureCode":"%s","amountCents":%d,"effectiveDate":"2020-03-10",
                 "decisionReference":"%s","beneficiaryName":"Roannais Agglomération","beneficiarySiret":"20003573100013"}"""
                .formatted(actionId, measure, cents, decisionReference);
    }

    /** Commits, retrying with one Idempotency-Key until funding-service knows the fiche-action; returns the commitment account id. */
    public static long commit(String key, String actionId, String measure, long cents) {
        String idem = UUID.randomUUID().toString();
        String body = commitment(actionId, measure, cents, "CONV-" + idem.substring(0, 8));
        Response created = Awaitility.await().atMost(EVENTUALLY).pollInterval(Duration.ofMillis(500))
                .until(() -> Suite.withKey(key).header("Idempotency-Key", idem).contentType("application/json")
                        .body(body).post("/api/v1/funding/commitments"), r -> r.statusCode() == 201);
        return created.jsonPath().getLong("accounts.find { it.kind == 'COMMITMENT' }.id");
    }
}
