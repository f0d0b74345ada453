package fr.gouv.ti.commons.security;

/** Roles of the suite, as carried in the {@code groups} claim of the gateway-signed identity. */
public enum Role {
    NATIONAL_ADMIN("national-admin"),
    REGION("region"),
    OPERATOR("operator"),
    TERRITORY_TEAM("territory-team"),
    ANONYMOUS("anonymous");

    public static final String NATIONAL_ADMIN_NAME = "national-admin";
    public static final String REGION_NAME = "region";
    public static final String OPERATOR_NAME = "operator";
    public static final String TERRITORY_TEAM_NAME = "territory-team";
    public static final String ANONYMOUS_NAME = "anonymous";

    private final String claim;

    Role(String claim) {
        this.claim = claim;
    }

    public String claim() {
        return claim;
    }

    public static Role fromClaim(String claim) {
        for (Role r : values()) {
            if (r.claim.equals(claim)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown role " + claim);
    }
}
