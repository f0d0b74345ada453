package fr.gouv.ti.commons.security;

/** Claims of the short-lived identity the gateway signs for every request it forwards. */
public final class IdentityClaims {
    public static final String ISSUER = "urn:ti:gateway";
    /** Header carrying the signed identity from the gateway to a service (never accepted from outside). */
    public static final String HEADER = "X-TI-Identity";
    public static final String CLIENT_NAME = "ti_client";
    public static final String REGION = "ti_region";
    public static final String OPERATOR = "ti_operator";
    public static final String PHASE = "ti_phase";
    public static final String TI_ID = "ti_id";

    private IdentityClaims() {
    }
}
