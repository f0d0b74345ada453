package fr.gouv.ti.e2e;

import fr.gouv.ti.client.contract.api.ContractsApi;
import fr.gouv.ti.client.contract.api.FichesActionsApi;
import fr.gouv.ti.client.funding.api.LedgerMovementsApi;
import fr.gouv.ti.client.funding.api.LedgerReadsApi;
import fr.gouv.ti.client.gateway.api.ApiKeysApi;
import fr.gouv.ti.client.territory.api.TerritoriesApi;

/**
 * The generated Java client (module ti-client) as an operator system or a region's IT would set it up: the gateway's
 * URL and the caller's API key (none for open data). Calls go through {@link Suite#apiUrl()}, so each exchange is
 * also checked against the served documents.
 */
final class TiClients {

    private final String apiKey;

    private TiClients(String apiKey) {
        this.apiKey = apiKey;
    }

    static TiClients withKey(String apiKey) {
        return new TiClients(apiKey);
    }

    static TiClients anonymous() {
        return new TiClients(null);
    }

    ApiKeysApi apiKeys() {
        var client = new fr.gouv.ti.client.gateway.ApiClient();
        client.updateBaseUri(Suite.apiUrl());
        client.setRequestInterceptor(this::authenticate);
        return new ApiKeysApi(client);
    }

    TerritoriesApi territories() {
        var client = new fr.gouv.ti.client.territory.ApiClient();
        client.updateBaseUri(Suite.apiUrl());
        client.setRequestInterceptor(this::authenticate);
        return new TerritoriesApi(client);
    }

    ContractsApi contracts() {
        return new ContractsApi(contractClient());
    }

    FichesActionsApi fichesActions() {
        return new FichesActionsApi(contractClient());
    }

    LedgerMovementsApi ledgerMovements() {
        return new LedgerMovementsApi(fundingClient());
    }

    LedgerReadsApi ledgerReads() {
        return new LedgerReadsApi(fundingClient());
    }

    private fr.gouv.ti.client.contract.ApiClient contractClient() {
        var client = new fr.gouv.ti.client.contract.ApiClient();
        client.updateBaseUri(Suite.apiUrl());
        client.setRequestInterceptor(this::authenticate);
        return client;
    }

    private fr.gouv.ti.client.funding.ApiClient fundingClient() {
        var client = new fr.gouv.ti.client.funding.ApiClient();
        client.updateBaseUri(Suite.apiUrl());
        client.setRequestInterceptor(this::authenticate);
        return client;
    }

    private void authenticate(java.net.http.HttpRequest.Builder request) {
        if (apiKey != null) {
            request.header("X-API-Key", apiKey);
        }
    }
}
