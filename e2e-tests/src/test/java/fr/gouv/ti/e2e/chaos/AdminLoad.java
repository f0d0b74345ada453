package fr.gouv.ti.e2e.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import fr.gouv.ti.e2e.chaos.Acks.Kind;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The national administrator: changes a territory's perimeter (its last groupement leaves, then comes back, on
 * successive dates) and edits the catalogue (a measure added to the draft; every sixth, the draft published and a new
 * one opened). Each write is under If-Match; after a lost answer the resource is read again and the write counts as
 * acknowledged when it is there, else it is tried again on the new ETag. So each change happens once: the audit
 * checks that the territory's version moved by exactly the number of perimeter changes acknowledged.
 */
final class AdminLoad extends Load {

    private static final String CATALOGUE = "/api/v1/catalogue/versions";

    private final String admin;
    private final String territory;
    private final ArrayNode perimeter;
    private final AtomicInteger perimeterChanges = new AtomicInteger();
    private int draft = -1;
    private int added;

    AdminLoad(Api api, Acks acks, String run, AtomicBoolean stopping, String admin, String territory, ArrayNode perimeter) {
        super(api, acks, run, stopping);
        this.admin = admin;
        this.territory = territory;
        this.perimeter = perimeter;
    }

    @Override
    String name() {
        return "national administrator";
    }

    int perimeterChanges() {
        return perimeterChanges.get();
    }

    @Override
    boolean step(long n) {
        if (n % 2 == 0) {
            changePerimeter();
        } else {
            editCatalogue();
        }
        pause(300);
        return true;
    }

    private void changePerimeter() {
        int k = perimeterChanges.get();
        ArrayNode members = perimeter.deepCopy();
        if (k % 2 == 0) {
            members.remove(members.size() - 1);
        }
        String date = LocalDate.of(2040, 1, 1).plusDays(k + 1L).toString();
        String body = "{\"effectiveDate\":\"" + date + "\",\"members\":" + members + "}";
        String marker = territory + "@" + date;
        acks.unanswered(Kind.PERIMETER, marker);
        String path = "/api/v1/territories/" + territory;
        api.writeOnce("PUT", path + "/perimeter", admin, body, path + "?history=true", path,
                t -> has(t.path("perimeter"), "validFrom", date) || has(t.path("perimeter"), "validTo", date), PATIENCE);
        acks.acknowledged(Kind.PERIMETER, marker);
        perimeterChanges.incrementAndGet();
    }

    private void editCatalogue() {
        if (draft < 0) {
            openDraft();
            return;
        }
        if (added == 6) {
            String version = CATALOGUE + "/" + draft;
            acks.unanswered(Kind.PUBLICATION, String.valueOf(draft));
            String today = LocalDate.now(ZoneId.of("Europe/Paris")).toString();
            api.writeOnce("POST", version + "/publish", admin, "{\"effectiveDate\":\"" + today + "\"}", version, version,
                    v -> "PUBLISHED".equals(v.path("status").asText()), PATIENCE);
            acks.acknowledged(Kind.PUBLICATION, String.valueOf(draft));
            draft = -1;
            added = 0;
            return;
        }
        String title = "Mesure d'essai de panne " + run + " " + draft + "-" + added;
        acks.unanswered(Kind.MEASURE, title);
        String body = """
                {"axis":"RECRUTER","titleFr":"%s","operators":["ETAT"],"firstSeen":"2020","validFrom":"2020-01-01",
                 "sourceCitation":"Essai de panne (bench/chaos.sh), pas une mesure du programme","wording":"PARAPHRASE"}"""
                .formatted(title);
        String version = CATALOGUE + "/" + draft;
        api.writeOnce("POST", version + "/measures", admin, body, version + "/measures?limit=500", version,
                page -> has(page.path("items"), "titleFr", title), PATIENCE);
        acks.acknowledged(Kind.MEASURE, title);
        added++;
    }

    private void openDraft() {
        Api.Answer a = api.write("POST", CATALOGUE, admin, run + "-draft-" + System.nanoTime(), null,
                "{\"label\":\"Essai de panne " + run + "\"}", PATIENCE);
        if (a.status() == 409) { // a draft is open already (an earlier attempt opened it): take it
            for (JsonNode v : api.read(CATALOGUE, admin, PATIENCE).json().path("items")) {
                if ("DRAFT".equals(v.path("status").asText())) {
                    draft = v.path("number").asInt();
                }
            }
            return;
        }
        ContractLoad.check(a, 201, "open a catalogue draft");
        draft = a.json().path("number").asInt();
    }

    private static boolean has(JsonNode items, String field, String value) {
        for (JsonNode item : items) {
            if (value.equals(item.path(field).asText())) {
                return true;
            }
        }
        return false;
    }
}
