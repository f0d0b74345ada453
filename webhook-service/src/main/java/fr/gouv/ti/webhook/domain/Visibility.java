package fr.gouv.ti.webhook.domain;

import fr.gouv.ti.commons.security.Caller;

/**
 * What a client may receive, as the API would let it read: the national level everything; a region the events of
 * its own territories (territories, contracts, fiches-actions, funding movements); an operator its own funding
 * movements, the contracts and fiches-actions of the contracts it is party to, and the territories (open data); a
 * territory team the events of its own territory; everyone who may subscribe the measure catalogue (open data);
 * anonymous callers nothing. {@link Parties} answers "is this operator party to that contract".
 */
public final class Visibility {

    /** What the events told about contracts and territories. */
    public interface Parties {
        boolean isParty(String contractId, String operator);

        /** Whether the territory's perimeter reaches the region (a territory that straddles two has both). */
        boolean reaches(String phase, String tiId, String regionCode);
    }

    private final Parties parties;

    public Visibility(Parties parties) {
        this.parties = parties;
    }

    /** The event is about a territory of the region: led by it, or whose perimeter reaches it. */
    public boolean inRegion(StoredEvent e, String region) {
        return region.equals(e.regionCode())
                || (e.phase() != null && e.tiId() != null && parties.reaches(e.phase(), e.tiId(), region));
    }

    public boolean mayRead(Caller who, StoredEvent e) {
        if (e.isOpenData() && !who.isAnonymous()) {
            return true;
        }
        return switch (who.role()) {
            case NATIONAL_ADMIN -> true;
            case REGION -> who.regionCode() != null && inRegion(e, who.regionCode());
            case TERRITORY_TEAM -> who.phase() != null && who.phase().equals(e.phase())
                    && who.tiId() != null && who.tiId().equals(e.tiId());
            case OPERATOR -> switch (e.topic()) {
                case "ti.territory.v1" -> true;
                case "ti.funding.v1" -> who.operatorCode() != null && who.operatorCode().equals(e.operatorCode());
                case "ti.contract.v1" -> e.contractId() != null && who.operatorCode() != null
                        && parties.isParty(e.contractId(), who.operatorCode());
                default -> false;
            };
            case ANONYMOUS -> false;
        };
    }
}
