package fr.gouv.ti.contract.service;

import fr.gouv.ti.commons.problem.ProblemException;
import fr.gouv.ti.commons.security.Caller;
import fr.gouv.ti.commons.security.Role;
import fr.gouv.ti.contract.domain.Contract;
import fr.gouv.ti.contract.domain.TerritoryProjection;

/**
 * Who may do what with contracts, enforced here whatever the gateway did:
 * the region manages the contracts of its own territories (the national administrator may too): the lead region opens
 * a contract, and every region of a territory that straddles two reads it in full and records its steps (co-signs); the territory team
 * edits the fiches-actions of its own contract; operators and the national level read everything; the region and
 * the team read their own contracts in full; everyone else gets the public view.
 */
final class Access {

    private Access() {
    }

    /** A contract is opened by the territory's lead region (or the national administrator). */
    static void requireOpen(Caller caller, TerritoryProjection t) {
        caller.require(Role.NATIONAL_ADMIN, Role.REGION);
        if (caller.is(Role.REGION) && !t.regionCode.equals(caller.regionCode())) {
            String detail = t.regions().contains(caller.regionCode())
                    ? "Territory " + t.key + " straddles regions " + String.join(" and ", t.regions()) + "; its lead "
                            + "region " + t.regionCode + " opens the contract, region " + caller.regionCode()
                            + " then reads and co-signs it."
                    : "Region " + caller.regionCode() + " manages only the contracts of its own territories; territory "
                            + t.key + " is in region " + t.regionCode + ".";
            throw ProblemException.forbidden(detail)
                    .with("callerRegion", caller.regionCode()).with("territoryRegion", t.regionCode);
        }
    }

    /** Its steps (signatures, amendments, closure) are recorded by any region of the territory: they co-sign. */
    static void requireManage(Caller caller, Contract contract) {
        caller.require(Role.NATIONAL_ADMIN, Role.REGION);
        if (caller.is(Role.REGION) && !isOwnRegion(caller, contract)) {
            throw ProblemException.forbidden("Region " + caller.regionCode() + " manages only the contracts of its own "
                    + "territories; the territory " + contract.phase + "/" + contract.tiId + " is in region "
                    + String.join(" and ", contract.regions()) + ".")
                    .with("callerRegion", caller.regionCode()).with("territoryRegion", contract.regionCode);
        }
    }

    static void requireEditActions(Caller caller, Contract contract) {
        caller.require(Role.NATIONAL_ADMIN, Role.REGION, Role.TERRITORY_TEAM);
        if (caller.is(Role.REGION) && !isOwnRegion(caller, contract)) {
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
            case REGION -> isOwnRegion(caller, contract);
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

    private static boolean isOwnRegion(Caller caller, Contract contract) {
        return caller.regionCode() != null && contract.regions().contains(caller.regionCode());
    }

    private static boolean isOwnTerritory(Caller caller, Contract contract) {
        return contract.phase.equals(caller.phase()) && contract.tiId.equals(caller.tiId());
    }
}
