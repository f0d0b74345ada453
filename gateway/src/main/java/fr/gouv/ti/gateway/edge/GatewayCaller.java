package fr.gouv.ti.gateway.edge;

/** The authenticated client of a request, as the gateway vouches for it to the services. */
public record GatewayCaller(String clientId, String clientName, String role, String regionCode, String operatorCode,
                            String phase, String tiId) {

    public static final String ANONYMOUS_ROLE = "anonymous";
    public static final String NATIONAL_ADMIN_ROLE = "national-admin";

    public static GatewayCaller anonymous(String address) {
        return new GatewayCaller("anonymous", "anonymous@" + address, ANONYMOUS_ROLE, null, null, null, null);
    }

    public boolean isAnonymous() {
        return ANONYMOUS_ROLE.equals(role);
    }

    /** Rate limits of anonymous callers are per address, not shared by everyone. */
    public String rateLimitKey() {
        return isAnonymous() ? clientName : clientId;
    }
}
