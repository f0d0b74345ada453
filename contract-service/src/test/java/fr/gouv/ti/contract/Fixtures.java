package fr.gouv.ti.contract;

import fr.gouv.ti.testsupport.Identities;
import fr.gouv.ti.testsupport.TopicProbe;
import io.restassured.response.ValidatableResponse;
import org.awaitility.Awaitility;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/**
 * Events other services would publish, injected on their topics, and the projections they lead to.
 * Territories and EPCIs are real rows of the 2019-2022 list (shared/data/territoires_industrie_2019_2022_epci.csv);
 * the labelling date 2018-11-22 used as perimeter start is the programme's launch date (an assumption of the test).
 * Measure codes are test codes; titles of the first two are the wording of the 2019 basket.
 */
final class Fixtures {

    static final String PHASE = "2019-2022";
    static final String[] ROANNE_EPCIS = {"200035202", "200035731", "200040566", "200040590", "244200630", "246900625"};

    static final String VTE = "M-RECRUTER-VTE";
    static final String PIC = "M-RECRUTER-PIC";
    static final String ACCELERATEURS = "M-INNOVER-ACCELERATEURS";
    static final String INGENIERIE = "M-RECRUTER-INGENIERIE";     // retired on 2019-05-01 by measure.retired
    static final String OLD = "M-ATTIRER-ANCIENNE";               // RETIRED in the catalogue itself

    private static boolean sent;

    private Fixtures() {
    }

    static synchronized void ensureProjections() {
        if (!sent) {
            territory("ti-8411", "Roanne - Tarare", "84", List.of("01", "42", "69"), List.of(
                    m("200035202", "CC Charlieu-Belmont", "CC"), m("200035731", "CA Roannais Agglomération", "CA"),
                    m("200040566", "CA de l'Ouest Rhodanien", "CA"), m("200040590", "CA Villefranche Beaujolais Saône", "CA"),
                    m("244200630", "CC du Pays Entre Loire et Rhône", "CC"), m("246900625", "CC du Pays de l'Arbresle (CCPA)", "CC")));
            territory("ti-8412", "Rumilly Usses et Rhône", "84", List.of("01", "74"), List.of(
                    m("200070852", "CC Usses et Rhône", "CC"), m("247400740", "CC Rumilly Terre de Savoie", "CC")));
            territory("ti-8413", "Lezoux - Thiers - Ambert - Montbrison", "84", List.of("42", "63"), List.of(
                    m("200065886", "Loire Forez Agglomération (LFA)", "CA"), m("200070712", "CC Thiers Dore et Montagne", "CC"),
                    m("200070761", "CC Ambert Livradois Forez", "CC"), m("246301097", "CC Entre Dore et Allier", "CC")));
            territory("ti-8414", "Vallée de l'Arve", "84", List.of("74"), List.of(
                    m("200000172", "CC Faucigny-Glières", "CC"), m("200033116", "CC Cluses-Arve et Montagnes", "CC")));
            territory("ti-2701", "Auxois Morvan", "27", List.of("21"), List.of(
                    m("200071017", "CC des Terres d'Auxois", "CC"), m("242101442", "CC de Saulieu", "CC"),
                    m("242101459", "CC du Pays d'Alésia et de la Seine", "CC"), m("242101491", "CC du Montbardois", "CC")));
            territory("ti-9302", "Avignon-Sorgues-Cavaillon-Ventoux", "93", List.of("30", "84"), List.of(
                    m("200040442", "CA Luberon Monts de Vaucluse", "CA"), m("248400053", "CA Ventoux-Comtat-Venaissin (COVE)", "CA"),
                    m("248400251", "CA du Grand Avignon (COGA)", "CA"), m("248400293", "CA des Sorgues du Comtat", "CA"),
                    m("248400319", "CC du Pays des Sorgues et des Monts de Vaucluse", "CC")));
            territory("ti-8415", "Vallée de la Maurienne", "84", List.of("73"), List.of(
                    m("200070340", "CC Haute Maurienne Vanoise", "CC"), m("200070464", "CC Coeur de Maurienne Arvan", "CC"),
                    m("247300361", "CC du Canton de La Chambre", "CC"), m("247300452", "CC Maurienne Galibier", "CC"),
                    m("247300676", "CC Porte de Maurienne", "CC")));
            // a territory made partly of communes (groupement nature COM)
            territory("ti-8416", "Vallées du Gier et de l'Ondaine - Loire Sud", "84", List.of("42"), List.of(
                    m("214200446", "Le Chambon-Feugerolles", "COM"), m("214200537", "Châteauneuf", "COM"),
                    m("214200958", "Firminy", "COM"), m("214200990", "Fraisses", "COM"),
                    m("214201030", "La Grand-Croix", "COM"), m("214201105", "L'Horme", "COM"),
                    m("214201238", "Lorette", "COM"), m("214201832", "La Ricamarie", "COM"),
                    m("214201865", "Rive-de-Gier", "COM"), m("214202079", "Saint-Chamond", "COM"),
                    m("214202715", "Saint-Paul-en-Jarez", "COM"), m("214203168", "Unieux", "COM"),
                    m("244200622", "CC des Monts du Pilat", "CC"), m("244200895", "CC du Pilat Rhodanien", "CC")));
            // led by Occitanie (76), its perimeter reaches the Cantal in Auvergne-Rhône-Alpes (84): seed data of 2019-2022
            territory("ti-7601", "Aurillac - Figeac - Rodez", List.of("76", "84"), List.of("12", "15", "46"), List.of(
                    m("241200187", "CA Rodez Agglomération", "CA"), m("241500230", "CA du Bassin d'Aurillac", "CA"),
                    m("200067064", "CC Decazeville Communauté", "CC")));
            reference(1, "");
            send("ti.measure.v1", "catalogue", "fr.gouv.ti.catalogue.published.v1", """
                    {"version":1,"effectiveDate":"2019-01-01","label":"Panier de services 2019","measures":[
                      {"code":"%s","title":"Expérimenter un Volontariat Territorial en Entreprise dans les Territoires d'industrie",
                       "axis":"RECRUTER","phase":"2019-2022","operators":["BPIFRANCE"],"status":"ACTIVE",
                       "validFrom":"2019-01-01","validTo":"2022-12-31","envelopeCents":null},
                      {"code":"%s","title":"Mobiliser le plan d'investissement dans les compétences (PIC) pour répondre aux besoins de formation",
                       "axis":"RECRUTER","phase":"2019-2022","operators":["FRANCE_TRAVAIL"],"status":"ACTIVE",
                       "validFrom":"2019-01-01","validTo":null,"envelopeCents":null},
                      {"code":"%s","title":"Antennes locales des centres d'accélération","axis":"INNOVER","phase":"2019-2022",
                       "operators":["BPIFRANCE"],"status":"ACTIVE","validFrom":"2019-01-01","validTo":null,"envelopeCents":null},
                      {"code":"%s","title":"Ingénierie de formations professionnelles","axis":"RECRUTER","phase":"2019-2022",
                       "operators":["ETAT"],"status":"ACTIVE","validFrom":"2019-01-01","validTo":null,"envelopeCents":null},
                      {"code":"%s","title":"Mesure retirée (test)","axis":"ATTIRER","phase":"2019-2022","operators":[],
                       "status":"RETIRED","validFrom":"2019-01-01","validTo":null,"envelopeCents":null}]}"""
                    .formatted(VTE, PIC, ACCELERATEURS, INGENIERIE, OLD));
            send("ti.measure.v1", INGENIERIE, "fr.gouv.ti.measure.retired.v1",
                    "{\"code\":\"" + INGENIERIE + "\",\"retiredOn\":\"2019-05-01\",\"version\":2}");
            sent = true;
        }
        Awaitility.await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(100)).until(() ->
                Db.count("select count(*) from territory_projection where phase = '2019-2022'") >= 9
                        && Db.count("select count(*) from reference_code where kind = 'OPERATOR' and code = 'POLE_EMPLOI'") == 1
                        && Db.count("select count(*) from territory_perimeter_projection where territory_key = '2019-2022/ti-8416'") == 14
                        && Db.count("select count(*) from territory_perimeter_projection where territory_key = '2019-2022/ti-9302'") == 5
                        && Db.count("select count(*) from measure_projection") == 5
                        && Db.count("select count(*) from measure_projection where code = ? and retired_on is not null", INGENIERIE) == 1);
    }

    static String m(String siren, String name, String nature) {
        return """
                {"siren":"%s","name":"%s","nature":"%s","departmentCodes":[],"validFrom":"2018-11-22","validTo":null}"""
                .formatted(siren, name.replace("\"", "\\\""), nature);
    }

    static void territory(String tiId, String name, String region, List<String> departments, List<String> members) {
        territory(tiId, name, List.of(region), departments, members);
    }

    /** A territory.labelled snapshot; regions: the lead first, then any other its perimeter reaches. */
    static void territory(String tiId, String name, List<String> regions, List<String> departments, List<String> members) {
        List<String> depts = new ArrayList<>();
        departments.forEach(d -> depts.add("\"" + d + "\""));
        send("ti.territory.v1", PHASE + "/" + tiId, "fr.gouv.ti.territory.labelled.v1", """
                {"phase":"%s","tiId":"%s","name":"%s","regionCode":"%s","regionCodes":["%s"],"departmentCodes":[%s],
                 "status":"LABELLED","labelledOn":"2018-11-22","perimeter":[%s],"pilots":[]}"""
                .formatted(PHASE, tiId, name, regions.get(0), String.join("\",\"", regions), String.join(",", depts),
                        String.join(",", members)));
    }

    /**
     * Publishes a snapshot of the reference data as measure-service does at start (its V2 and V4 migrations: the 9
     * operators, the alias POLE_EMPLOI, the 8 axes), with extra operators (JSON objects) if any.
     */
    static String reference(int version, String extraOperators) {
        java.util.Map<String, String> operators = new java.util.TreeMap<>(java.util.Map.of(
                "ACTION_LOGEMENT", "Action Logement", "ADEME", "ADEME", "APEC", "Apec",
                "BANQUE_DES_TERRITOIRES", "Banque des Territoires", "BPIFRANCE", "Bpifrance",
                "BUSINESS_FRANCE", "Business France", "CNAM", "Cnam (Conservatoire national des arts et métiers)",
                "ETAT", "État (ministères et services de l'État)", "FRANCE_TRAVAIL", "France Travail"));
        String ops = String.join(",", operators.entrySet().stream().map(e -> """
                {"code":"%s","officialName":"%s","kind":"%s","names":[],"aliases":%s,"sourceUrl":"https://banquedesterritoires.fr/territoires-dindustrie-les-operateurs-publics-sengagent"}"""
                .formatted(e.getKey(), e.getValue(), e.getKey().equals("ETAT") ? "STATE" : "NATIONAL_OPERATOR",
                        e.getKey().equals("FRANCE_TRAVAIL") ? "[\"POLE_EMPLOI\"]" : "[]")).toList());
        List<String[]> axes = List.of(new String[]{"RECRUTER", "2019-2022", "Recruter"},
                new String[]{"INNOVER", "2019-2022", "Innover"}, new String[]{"ATTIRER", "2019-2022", "Attirer des projets"},
                new String[]{"SIMPLIFIER", "2019-2022", "Simplifier"},
                new String[]{"TRANSITION_ECOLOGIQUE", "2023-2027", "Accélérer la transition écologique et énergétique"},
                new String[]{"INNOVATION", "2023-2027", "Faire des territoires des écosystèmes d'innovation"},
                new String[]{"COMPETENCES_RECRUTEMENT", "2023-2027", "Lever les freins au recrutement et développer les compétences"},
                new String[]{"FONCIER_INDUSTRIEL", "2023-2027", "Mobiliser un foncier industriel adapté"});
        List<String> axisJson = new ArrayList<>();
        for (int i = 0; i < axes.size(); i++) {
            String[] a = axes.get(i);
            axisJson.add("{\"code\":\"%s\",\"phase\":\"%s\",\"label\":\"%s\",\"position\":%d}"
                    .formatted(a[0], a[1], a[2], i % 4 + 1));
        }
        return send("ti.measure.v1", "catalogue", "fr.gouv.ti.reference.published.v1", """
                {"version":%d,"operators":[%s%s],"axes":[%s],"fundingSources":[]}"""
                .formatted(version, ops, extraOperators, String.join(",", axisJson)));
    }

    static String send(String topic, String key, String type, String payload) {
        String id = UUID.randomUUID().toString();
        TopicProbe.send(topic, key, payload, "ce_id", id, "ce_type", type, "ce_source", "/test",
                "ce_specversion", "1.0", "content-type", "application/json");
        return id;
    }

    // ---------------------------------------------------------------- REST helpers

    static String openContract(String identity, String tiId) {
        return given().header(Identities.HEADER, identity).contentType("application/json")
                .body("{\"phase\":\"" + PHASE + "\",\"tiId\":\"" + tiId + "\"}")
                .post("/api/v1/contracts").then().statusCode(201).extract().path("contractId");
    }

    static String etag(String contractId) {
        return given().header(Identities.HEADER, Identities.nationalAdmin()).get("/api/v1/contracts/" + contractId)
                .then().statusCode(200).extract().header("ETag");
    }

    static ValidatableResponse transition(String identity, String contractId, String step, String body) {
        return given().header(Identities.HEADER, identity).header("If-Match", etag(contractId))
                .contentType("application/json").body(body)
                .post("/api/v1/contracts/" + contractId + "/" + step).then();
    }

    static String signatories(String region, String... epcis) {
        List<String> quoted = new ArrayList<>();
        for (String e : epcis) {
            quoted.add("\"" + e + "\"");
        }
        return "{\"epcis\":[" + String.join(",", quoted) + "],\"region\":\"" + region + "\"}";
    }

    static String action(String title, String axis, String measure, String date, String epci, long cost) {
        return """
                {"title":"%s","description":"Fiche-action de test","axis":"%s","measureCodes":["%s"],
                 "actionDate":"%s","leadOrganisation":{"name":"Porteur","siren":"%s"},"epciSiren":"%s",
                 "estimatedCostCents":%d,"requestedFunding":[{"operator":"BPIFRANCE","amountCents":%d}]}"""
                .formatted(title, axis, measure, date, epci, epci, cost, cost / 2);
    }
}
