package fr.gouv.ti.funding.domain;

import java.util.List;

/** A fiche-action as known from contract-service events. */
public record FundingAction(String actionId, String contractId, String phase, String tiId, String regionCode,
                            String title, String axis, List<String> measureCodes, String status) {
}
