package fr.gouv.ti.commons.security;

import fr.gouv.ti.commons.problem.ProblemException;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Who is calling, as vouched for by the gateway: the client id, its role, and the scope of that role
 * (a region code, an operator code, or a territory).
 */
public record Caller(String clientId, String clientName, Role role, String regionCode, String operatorCode,
                     String phase, String tiId) {

    public static final Caller ANONYMOUS = new Caller("anonymous", "anonymous", Role.ANONYMOUS, null, null, null, null);

    public static Caller system(String name) {
        return new Caller("system:" + name, name, Role.NATIONAL_ADMIN, null, null, null, null);
    }

    public boolean is(Role r) {
        return role == r;
    }

    public boolean isAnonymous() {
        return role == Role.ANONYMOUS;
    }

    /** 401 for anonymous callers, 403 for a role that is not among those allowed. */
    public Caller require(Role... allowed) {
        for (Role r : allowed) {
            if (role == r) {
                return this;
            }
        }
        if (isAnonymous()) {
            throw ProblemException.unauthorized("This operation needs credentials (an API key or a bearer token).");
        }
        throw ProblemException.forbidden("Role " + role.claim() + " may not do this; allowed: "
                + Arrays.stream(allowed).map(Role::claim).collect(Collectors.joining(", ")) + ".");
    }
}
