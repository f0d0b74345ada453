package fr.gouv.ti.funding.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import fr.gouv.ti.commons.problem.Problem;
import fr.gouv.ti.commons.problem.ProblemException;
import fr.gouv.ti.commons.security.Caller;
import fr.gouv.ti.commons.security.Role;
import fr.gouv.ti.funding.domain.Account;
import fr.gouv.ti.funding.domain.AccountRepository;
import fr.gouv.ti.funding.domain.BalanceRepository;
import fr.gouv.ti.funding.domain.FundingAction;
import fr.gouv.ti.funding.domain.JournalRepository;
import fr.gouv.ti.funding.domain.ProjectionRepository;
import fr.gouv.ti.funding.domain.Totals;
import fr.gouv.ti.funding.domain.LedgerTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Reads: balances (current from the maintained rows, or as of an effective date from the entries), aggregates, journal. */
@ApplicationScoped
public class Reports {

    public static final List<String> GROUPINGS = List.of("territory", "region", "measure", "axis", "operator", "year");

    private final AccountRepository accounts;
    private final JournalRepository journal;
    private final BalanceRepository balances;
    private final ProjectionRepository projections;

    public Reports(AccountRepository accounts, JournalRepository journal, BalanceRepository balances,
                   ProjectionRepository projections) {
        this.accounts = accounts;
        this.journal = journal;
        this.balances = balances;
        this.projections = projections;
    }

    /** The programme envelope account and its source lines. */
    public List<Account> programme() {
        List<Account> out = new java.util.ArrayList<>();
        out.add(accounts.find(AccountRepository.PROGRAMME_ID).orElseThrow());
        out.addAll(accounts.list(fr.gouv.ti.funding.domain.AccountKind.SOURCE.name(), null, null, null, null, null,
                null, 0, 10));
        return out;
    }

    /** A fiche-action as known from contract-service, with its funding totals (null before any commitment). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ActionFunding(FundingAction action, Totals.Action totals) {
    }

    /**
     * A fiche-action and its totals, for whoever may read it: the national level and operators (who commit on it)
     * any; a region those of its territories (both regions of one that straddles two); a territory team its own.
     * Outside the caller's scope it is absent, as an unknown one (no enumeration of ids).
     */
    public java.util.Optional<ActionFunding> action(Caller caller, String actionId) {
        caller.require(Role.NATIONAL_ADMIN, Role.OPERATOR, Role.REGION, Role.TERRITORY_TEAM);
        return projections.action(actionId).filter(a -> switch (caller.role()) {
                    case NATIONAL_ADMIN, OPERATOR -> true;
                    case REGION -> caller.regionCode() != null
                            && regionSees(caller.regionCode(), a.regionCode(), a.phase(), a.tiId());
                    case TERRITORY_TEAM -> a.phase().equals(caller.phase()) && a.tiId().equals(caller.tiId());
                    default -> false;
                })
                .map(a -> new ActionFunding(a, balances.actionTotals(actionId).orElse(null)));
    }

    /** Balances of an account. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Balance(LocalDate asOf, long inflowCents, long outflowCents, long availableCents,
                          Long allocatedCents, Long committedCents, Long disbursedCents) {
    }

    public Account account(Caller caller, long id) {
        Account a = accounts.find(id).orElseThrow(() -> ProblemException.notFound("No account " + id + "."));
        requireMaySee(caller, a);
        return a;
    }

    public Balance balance(Account a, LocalDate asOf) {
        long inflow = a.inflowCents();
        long outflow = a.outflowCents();
        if (asOf != null) {
            long[] f = balances.flowsAsOf(a.id(), asOf);
            inflow = f[0];
            outflow = f[1];
        }
        String where;
        List<Object> args = new ArrayList<>();
        switch (a.kind()) {
            case PROGRAMME -> where = "true";
            case LINE -> {
                where = "a.operator = ?";
                args.add(a.operator());
            }
            case ALLOCATION -> {
                where = "a.phase = ? and a.ti_id = ? and a.measure_code = ? and a.operator = ?";
                args.addAll(List.of(a.phase(), a.tiId(), a.measureCode(), a.operator()));
            }
            case COMMITMENT, DISBURSED -> {
                where = "a.id = ? or a.parent_id = ?";
                args.add(a.kind() == fr.gouv.ti.funding.domain.AccountKind.COMMITMENT ? a.id() : a.parentId());
                args.add(a.kind() == fr.gouv.ti.funding.domain.AccountKind.COMMITMENT ? a.id() : a.parentId());
            }
            default -> where = null;
        }
        if (where == null) {
            return new Balance(asOf, inflow, outflow, inflow - outflow, null, null, null);
        }
        long[] r = balances.rollup(where, args, asOf);
        boolean commitmentLevel = a.kind() == fr.gouv.ti.funding.domain.AccountKind.COMMITMENT
                || a.kind() == fr.gouv.ti.funding.domain.AccountKind.DISBURSED;
        return new Balance(asOf, inflow, outflow, inflow - outflow, commitmentLevel ? null : r[0], r[1], r[2]);
    }

    public List<Account> accounts(Caller caller, String kind, String operator, String phase, String tiId,
                                  String measureCode, String actionId, java.time.OffsetDateTime updatedSince,
                                  long afterId, int limit) {
        scope(caller);
        String region = null;
        switch (caller.role()) {
            case OPERATOR -> {
                if (operator != null && !operator.equals(caller.operatorCode())) {
                    throw ProblemException.forbidden("Operator " + caller.operatorCode() + " sees only its own accounts.");
                }
                operator = caller.operatorCode();
            }
            case REGION -> region = caller.regionCode();
            case TERRITORY_TEAM -> {
                phase = caller.phase();
                tiId = caller.tiId();
            }
            default -> {
            }
        }
        return accounts.list(kind, operator, phase, tiId, region, measureCode, actionId, updatedSince, afterId, limit);
    }

    /** An operator sees its own accounts; a region those of its territories; a territory team its own; the national administrator all. */
    void requireMaySee(Caller caller, Account a) {
        caller.require(Role.NATIONAL_ADMIN, Role.OPERATOR, Role.REGION, Role.TERRITORY_TEAM);
        boolean ok = switch (caller.role()) {
            case NATIONAL_ADMIN -> true;
            case OPERATOR -> caller.operatorCode() != null && caller.operatorCode().equals(a.operator());
            case REGION -> caller.regionCode() != null && regionSees(caller.regionCode(), a.regionCode(), a.phase(), a.tiId());
            case TERRITORY_TEAM -> caller.phase() != null && caller.phase().equals(a.phase())
                    && caller.tiId() != null && caller.tiId().equals(a.tiId());
            default -> false;
        };
        if (!ok) {
            // outside the caller's scope: the same answer as no account at all (no enumeration of ids)
            throw ProblemException.notFound("No account " + a.id() + ".");
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AggregateRow(String key, long allocatedCents, long committedCents, long disbursedCents,
                               long availableCents, BigDecimal commitmentRate, BigDecimal disbursementRate) {
    }

    public List<AggregateRow> aggregate(String groupBy, String phase, String regionCode, String operator,
                                        String measureCode, LocalDate asOf) {
        if (groupBy == null || !GROUPINGS.contains(groupBy)) {
            throw ProblemException.badRequest("groupBy must be one of " + GROUPINGS,
                    new Problem.FieldError("groupBy", "must be one of " + GROUPINGS));
        }
        return balances.aggregate(groupBy, phase, regionCode, operator, measureCode, asOf).stream()
                .map(r -> new AggregateRow(r.key(), r.allocatedCents(), r.committedCents(), r.disbursedCents(),
                        r.allocatedCents() - r.committedCents(), rate(r.committedCents(), r.allocatedCents()),
                        rate(r.disbursedCents(), r.committedCents())))
                .toList();
    }

    static BigDecimal rate(long part, long whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_EVEN);
    }

    public LedgerTransaction transaction(Caller caller, UUID id) {
        LedgerTransaction t = journal.findTransaction(id).orElseThrow(() -> ProblemException.notFound("No transaction " + id + "."));
        Scope s = scope(caller);
        if ((s.operator != null && !s.operator.equals(t.operator()))
                || (s.region != null && !regionSees(s.region, t.regionCode(), t.phase(), t.tiId()))
                || (s.tiId != null && !(s.tiId.equals(t.tiId()) && java.util.Objects.equals(s.phase, t.phase())))) {
            throw ProblemException.notFound("No transaction " + id + ".");
        }
        return t;
    }

    /**
     * A region sees what is booked in it (a territory's lead region) and what belongs to a territory whose perimeter
     * reaches it, as the registry publishes it: both regions of a territory that straddles two see its money.
     */
    private boolean regionSees(String region, String bookedIn, String phase, String tiId) {
        return region.equals(bookedIn) || (phase != null && tiId != null
                && projections.territory(phase, tiId).map(t -> t.inRegion(region)).orElse(false));
    }

    public List<LedgerTransaction> journal(Caller caller, LocalDate from, LocalDate to, String kind, String operator,
                                           String phase, String tiId, String actionId, long afterSeq, int limit) {
        if (from != null && to != null && from.isAfter(to)) {
            throw ProblemException.badRequest("from must not be after to", new Problem.FieldError("from", "after to"));
        }
        Scope s = scope(caller);
        if (s.operator != null) {
            if (operator != null && !operator.equals(s.operator)) {
                throw ProblemException.forbidden("Operator " + s.operator + " sees only its own movements.");
            }
            operator = s.operator;
        }
        if (s.tiId != null) {
            phase = s.phase;
            tiId = s.tiId;
        }
        return journal.journal(from, to, kind, operator, phase, tiId, s.region, actionId, afterSeq, limit);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Scope(String operator, String region, String phase, String tiId) {
    }

    public static Scope scope(Caller caller) {
        caller.require(Role.NATIONAL_ADMIN, Role.OPERATOR, Role.REGION, Role.TERRITORY_TEAM);
        boolean scoped = switch (caller.role()) {
            case OPERATOR -> caller.operatorCode() != null;
            case REGION -> caller.regionCode() != null;
            case TERRITORY_TEAM -> caller.phase() != null && caller.tiId() != null;
            default -> true;
        };
        if (!scoped) {
            throw ProblemException.forbidden("Your identity carries no " + caller.role().claim() + " scope.");
        }
        return switch (caller.role()) {
            case OPERATOR -> new Scope(caller.operatorCode(), null, null, null);
            case REGION -> new Scope(null, caller.regionCode(), null, null);
            case TERRITORY_TEAM -> new Scope(null, null, caller.phase(), caller.tiId());
            default -> new Scope(null, null, null, null);
        };
    }
}
