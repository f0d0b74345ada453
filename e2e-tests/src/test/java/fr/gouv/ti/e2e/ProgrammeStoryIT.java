package fr.gouv.ti.e2e;

import fr.gouv.ti.client.contract.model.Contract;
import fr.gouv.ti.client.contract.model.ContractState;
import fr.gouv.ti.client.contract.model.FicheActionRequest;
import fr.gouv.ti.client.contract.model.LeadOrganisation;
import fr.gouv.ti.client.contract.model.NewContract;
import fr.gouv.ti.client.contract.model.Signatories;
import fr.gouv.ti.client.contract.model.Transition;
import fr.gouv.ti.client.funding.model.Allocation;
import fr.gouv.ti.client.funding.model.Commitment;
import fr.gouv.ti.client.funding.model.Disbursement;
import fr.gouv.ti.client.funding.model.OperatorLineFunding;
import fr.gouv.ti.client.funding.model.SourceLineAmount;
import fr.gouv.ti.client.funding.model.Transaction;
import fr.gouv.ti.client.gateway.model.NewApiKey;
import fr.gouv.ti.client.territory.model.TerritorySummary;
import fr.gouv.ti.e2e.docs.ResponsesMatchTheDocuments;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The programme as its users meet it, through the gateway with real API keys per role, each calling the API with the
 * generated Java client (ti-client) as their own systems would: the national administrator funds the programme, the
 * region signs Roanne - Tarare's protocol and contract, the territory team adds fiches-actions, Banque des
 * Territoires and Bpifrance allocate, commit and disburse on their own lines, and the territory summary and the
 * funding aggregates show the totals through events. Every exchange is checked against the served documents.
 */
@ExtendWith(ResponsesMatchTheDocuments.class)
class ProgrammeStoryIT {

    private static final String ROANNAIS = "Roannais Agglomération";
    private static final List<String> EPCIS = List.of("200035202", "200035731", "200040566", "200040590", "244200630", "246900625");
    private static final Duration EVENTUALLY = Programme.EVENTUALLY;

    @Test
    void roanneTarareFromProtocolToDisbursementsThroughTheGatewayWithTheGeneratedClient() throws Exception {
        Suite.stack();
        TiClients admin = TiClients.withKey(Suite.stack().adminKey());
        TiClients region = TiClients.withKey(key(admin, "Région Auvergne-Rhône-Alpes", NewApiKey.RoleEnum.REGION, k -> k.regionCode("84")));
        TiClients team = TiClients.withKey(key(admin, "Equipe Roanne - Tarare", NewApiKey.RoleEnum.TERRITORY_TEAM, k -> k.phase("2019-2022").tiId("ti-8411")));
        TiClients bdt = TiClients.withKey(key(admin, "Banque des Territoires SI", NewApiKey.RoleEnum.OPERATOR, k -> k.operatorCode("BANQUE_DES_TERRITOIRES")));
        TiClients bpi = TiClients.withKey(key(admin, "Bpifrance SI", NewApiKey.RoleEnum.OPERATOR, k -> k.operatorCode("BPIFRANCE")));

        // --- the national administrator sets the programme's sources and the operators' lines
        var ledger = admin.ledgerMovements();
        ledger.setProgrammeSource("PIA", idem(), new SourceLineAmount().amountCents(50_000_000_000L)
                .effectiveDate(LocalDate.of(2019, 1, 15)).reason("PIA fléché"));
        ledger.setProgrammeSource("BANQUE_DES_TERRITOIRES", idem(), new SourceLineAmount().amountCents(40_000_000_000L)
                .effectiveDate(LocalDate.of(2019, 3, 5)).reason("Convention du 5 mars 2019"));
        ledger.fundOperatorLine(idem(), new OperatorLineFunding().operator("BANQUE_DES_TERRITOIRES")
                .sourceCode("BANQUE_DES_TERRITOIRES").amountCents(10_000_000_000L).effectiveDate(LocalDate.of(2019, 3, 5)));
        ledger.fundOperatorLine(idem(), new OperatorLineFunding().operator("BPIFRANCE").sourceCode("PIA")
                .amountCents(5_000_000_000L).effectiveDate(LocalDate.of(2019, 3, 5)));

        // --- the region opens the contract once contract-service knows the territory (from territory events)
        var contracts = region.contracts();
        Contract opened = eventually(() -> contracts.openContract(new NewContract().phase("2019-2022").tiId("ti-8411"), idem()));
        UUID contractId = opened.getContractId();
        Signatories signatories = new Signatories().epcis(EPCIS).region("84");
        Contract signed = contracts.signProtocol(contractId, new Transition().effectiveDate(LocalDate.of(2019, 6, 20))
                .documentReference("PROTOCOLE-TI-8411").signatories(signatories), etag(contracts, contractId));
        assertThat(signed.getState()).isEqualTo(ContractState.PROTOCOL_SIGNED);
        signed = contracts.signContract(contractId, new Transition().effectiveDate(LocalDate.of(2019, 11, 18))
                .documentReference("CONTRAT-TI-8411").signatories(signatories), etag(contracts, contractId));
        assertThat(signed.getState()).isEqualTo(ContractState.CONTRACT_SIGNED);

        // --- the territory team adds two fiches-actions with measure codes of the catalogue
        var actions = team.fichesActions();
        UUID vte = actions.addAction(contractId, ficheAction("Volontariat territorial en entreprise", "RECRUTER",
                "RECRUTER-01", LocalDate.of(2020, 1, 15), 40_000_000), idem()).getActionId();
        UUID friche = actions.addAction(contractId, ficheAction("Reconversion d'une friche industrielle", "ATTIRER",
                "ATTIRER-01", LocalDate.of(2019, 12, 2), 300_000_000), idem()).getActionId();

        // --- operators allocate on their own lines, then commit once funding-service knows the fiches-actions
        Programme.ledgerKnows("ti-8411", "RECRUTER-01");
        Programme.ledgerKnows("ti-8411", "ATTIRER-01");
        bpi.ledgerMovements().allocateFunds(idem(), allocation("BPIFRANCE", "RECRUTER-01", 30_000_000));
        bdt.ledgerMovements().allocateFunds(idem(), allocation("BANQUE_DES_TERRITOIRES", "ATTIRER-01", 200_000_000));
        long bpiCommitment = commitmentAccount(commit(bpi, vte, "RECRUTER-01", 20_000_000));
        long bdtCommitment = commitmentAccount(commit(bdt, friche, "ATTIRER-01", 150_000_000));

        // Bpifrance may not commit on Banque des Territoires' allocation: a problem the client reads as an ApiException
        var refused = catchThrowableOfType(fr.gouv.ti.client.funding.ApiException.class, () -> bpi.ledgerMovements()
                .commitFunds(idem(), commitment(friche, "ATTIRER-01", 1000)));
        assertThat(refused.getCode()).isIn(403, 422);
        assertThat(refused.getResponseHeaders().firstValue("Content-Type")).hasValueSatisfying(
                ct -> assertThat(ct).startsWith("application/problem+json"));

        bpi.ledgerMovements().disburseFunds(bpiCommitment, idem(),
                new Disbursement().amountCents(5_000_000L).effectiveDate(LocalDate.of(2020, 9, 1)));
        bdt.ledgerMovements().disburseFunds(bdtCommitment, idem(),
                new Disbursement().amountCents(60_000_000L).effectiveDate(LocalDate.of(2021, 2, 1)));

        // --- the territory summary (territory-service) reflects contract and funding events
        var territories = TiClients.anonymous().territories();
        Awaitility.await().atMost(EVENTUALLY).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            TerritorySummary summary = territories.getTerritorySummary("2019-2022", "ti-8411");
            assertThat(summary.getContractState()).isEqualTo("CONTRACT_SIGNED");
            assertThat(summary.getActionCount()).isEqualTo(2);
            assertThat(summary.getAllocatedCents()).isEqualTo(230_000_000L);
            assertThat(summary.getCommittedCents()).isEqualTo(170_000_000L);
            assertThat(summary.getDisbursedCents()).isEqualTo(65_000_000L);
        });

        // --- open data: aggregates by territory, and the SCDL export holds both commitments
        var reads = TiClients.anonymous().ledgerReads();
        assertThat(reads.getAggregates(null, "territory", null, null, "2019-2022", null))
                .anySatisfy(row -> {
                    assertThat(row.getKey()).contains("ti-8411");
                    assertThat(row.getCommittedCents()).isEqualTo(170_000_000L);
                });
        java.io.File scdl = reads.exportCommitmentsCsv(null, null, null, null); // a CSV is a file download (comma separated)
        assertThat(java.nio.file.Files.readString(scdl.toPath())).contains(ROANNAIS);
        scdl.delete();
    }

    private static String key(TiClients admin, String name, NewApiKey.RoleEnum role,
                              java.util.function.UnaryOperator<NewApiKey> scope) throws Exception {
        return admin.apiKeys().createApiKey(scope.apply(new NewApiKey().name(name).role(role))).getKey();
    }

    private static String etag(fr.gouv.ti.client.contract.api.ContractsApi contracts, UUID id) throws Exception {
        return contracts.getContractWithHttpInfo(id).getHeaders().get("etag").get(0);
    }

    private static FicheActionRequest ficheAction(String title, String axis, String measure, LocalDate date, long cost) {
        return new FicheActionRequest().title(title).description("Fiche-action du contrat").axis(axis)
                .measureCodes(List.of(measure)).actionDate(date)
                .leadOrganisation(new LeadOrganisation().name(ROANNAIS).siren("200035731"))
                .epciSiren("200035731").estimatedCostCents(cost).requestedFunding(List.of());
    }

    private static Allocation allocation(String operator, String measure, long cents) {
        return new Allocation().operator(operator).phase("2019-2022").tiId("ti-8411").regionCode("84")
                .measureCode(measure).amountCents(cents).effectiveDate(LocalDate.of(2020, 1, 20));
    }

    private static Commitment commitment(UUID actionId, String measure, long cents) {
        return new Commitment().actionId(actionId.toString()).measureCode(measure).amountCents(cents)
                .effectiveDate(LocalDate.of(2020, 3, 10)).beneficiaryName(ROANNAIS).beneficiarySiret("20003573100013");
    }

    /** Commits, retrying with one Idempotency-Key until funding-service knows the fiche-action (contract events). */
    private static Transaction commit(TiClients operator, UUID actionId, String measure, long cents) {
        String idem = idem();
        Commitment body = commitment(actionId, measure, cents).decisionReference("CONV-" + idem.substring(0, 8));
        return eventually(() -> operator.ledgerMovements().commitFunds(idem, body));
    }

    private static long commitmentAccount(Transaction commitment) {
        return commitment.getAccounts().stream().filter(a -> "COMMITMENT".equals(a.getKind())).findFirst()
                .orElseThrow().getId();
    }

    /** Retries a call the suite refuses until another service's events have arrived (409/422 meanwhile). */
    private static <T> T eventually(Callable<T> call) {
        return Awaitility.await().atMost(EVENTUALLY).pollInterval(Duration.ofMillis(500)).until(() -> {
            try {
                return call.call();
            } catch (fr.gouv.ti.client.contract.ApiException | fr.gouv.ti.client.funding.ApiException e) {
                return null;
            }
        }, java.util.Objects::nonNull);
    }

    private static String idem() {
        return UUID.randomUUID().toString();
    }
}
