package fr.gouv.ti.contract.service;

import fr.gouv.ti.commons.problem.ProblemException;
import fr.gouv.ti.contract.domain.CatalogueProjection;
import fr.gouv.ti.contract.domain.PerimeterMember;
import fr.gouv.ti.contract.domain.TerritoryProjection;

/** Reads of the local projections that refuse cleanly (409) when the projection has not arrived yet. */
final class Projections {

    private Projections() {
    }

    static TerritoryProjection territory(String phase, String tiId) {
        return TerritoryProjection.find(phase, tiId).orElseThrow(() -> ProblemException.conflict(
                "territory-not-projected", "Territory not known yet",
                "contract-service has not received territory " + phase + "/" + tiId + " from territory-service "
                        + "(topic ti.territory.v1). If the territory was just labelled, retry in a moment; otherwise "
                        + "check the phase and the id.")
                .with("phase", phase).with("tiId", tiId));
    }

    static void requirePerimeter(TerritoryProjection t) {
        if (PerimeterMember.count("territoryKey", t.key) == 0) {
            throw ProblemException.conflict("perimeter-not-projected", "Perimeter not known yet",
                    "contract-service knows territory " + t.key + " but not its perimeter of EPCIs yet (no snapshot "
                            + "with a perimeter from territory-service); EPCIs cannot be checked. Retry later.")
                    .with("phase", t.phase).with("tiId", t.tiId);
        }
    }

    static CatalogueProjection catalogue() {
        return CatalogueProjection.current().orElseThrow(() -> ProblemException.conflict(
                "catalogue-not-projected", "Measure catalogue not known yet",
                "contract-service has not received the measure catalogue from measure-service (topic ti.measure.v1); "
                        + "measure codes cannot be checked yet. Retry in a moment."));
    }
}
