package fr.gouv.ti.contract.service;

import fr.gouv.ti.commons.problem.ProblemException;
import fr.gouv.ti.commons.security.Caller;
import fr.gouv.ti.commons.security.Role;
import fr.gouv.ti.contract.domain.Contract;

/**
 * Who may do what with contracts, enforced here whatever the gateway did:
 * the region manages the contracts of its own territories (the national administrator may too); the territory team
 * edits the fiches-actions of its own contract; operators and the national level read everything; the region and
 * the team read their own contracts in full; everyone else gets the public view.
 */
final class Access {

    private Access() {
    }

    static void requireManage(Caller caller, String regionCode, String what) {
        caller.require(Role.NATIONAL_ADMIN, Role.REGION);
        if (caller.is(Role.REGION) && !regionCode.equals(caller.regionCode())) {
            throw ProblemException.forbidden("Region " + caller.regionCode() + " manages only the contracts of its own "
                    + "territories; " + what + " is in region " + regionCode + ".")
                    .with("callerRegion", caller.regionCode()).with("territoryRegion", regionCode);
        }
    }

    static void requireEditActions(Caller caller, Contract contract) {
        caller.require(Role.NATIONAL_ADMIN, Role.REGION, Role.TERRITORY_TEAM);
        if (caller.is(Role.REGION) && !contract.regionCode.equals(caller.regionCode())) {
            throw ProblemException.forbidden("Region " + caller.regionCode() + " may not edit the fiches-actions of a "
                    + "territory of region " + contract.regionCode + ".");
        }
        if (caller.is(Role.TERRITORY_TEAM) && !isOwnTerritory(caller, contract)) {
            throw ProblemException.forbidden("This territory team works for " + caller.phase() + "/" + caller.tiId()
                    + "; the contract is that of " + contract.phase + "/" + contract.tiId + ".");
        }
    }

    static boolean readsInFull(Caller caller, Contract contract) {
        return switch (caller.role()) {
            case NATIONAL_ADMIN, OPERATOR -> true;
            case REGION -> contract.regionCode.equals(caller.regionCode());
            case TERRITORY_TEAM -> isOwnTerritory(caller, contract);
            case ANONYMOUS -> false;
        };
    }

    static void requireFullRead(Caller caller, Contract contract) {
        if (!readsInFull(caller, contract)) {
            if (caller.isAnonymous()) {
                throw ProblemException.unauthorized("The detailed history of a contract needs credentials; "
                        + "the public view is at /api/v1/contracts/" + contract.id + ".");
            }
            throw ProblemException.forbidden("Only the contract's region, its territory team, operators and the "
                    + "national level read its detailed history.");
        }
    }

    private static boolean isOwnTerritory(Caller caller, Contract contract) {
        return contract.phase.equals(caller.phase()) && contract.tiId.equals(caller.tiId());
    }
}
