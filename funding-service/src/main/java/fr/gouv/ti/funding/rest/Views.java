package fr.gouv.ti.funding.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import fr.gouv.ti.funding.domain.Account;
import fr.gouv.ti.funding.domain.Entry;
import fr.gouv.ti.funding.domain.FundingAction;
import fr.gouv.ti.funding.domain.LedgerTransaction;
import fr.gouv.ti.funding.domain.Totals;
import fr.gouv.ti.funding.service.Posted;
import fr.gouv.ti.funding.service.Reports;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Response bodies. */
public final class Views {

    private Views() {
    }

    @Schema(name = "Entry", description = "One immutable entry; the entries of a transaction sum to zero. Side U: the "
            + "counterparty is the parent account (changes the inflow); D: a child account (changes the outflow by minus the amount).")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EntryView(long accountId, String side, long amountCents) {
        static EntryView of(Entry e) {
            return new EntryView(e.accountId(), String.valueOf(e.side()), e.amountCents());
        }
    }

    @Schema(name = "Transaction", description = "A posted ledger transaction")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TransactionView(
            @Schema(example = "8c1b3f4e-6a1d-4e0b-9a51-3f1d2c4b5a69") String transactionId,
            long seq,
            @Schema(example = "COMMITTED") String kind,
            @Schema(description = "Date of the decision, convention or payment") LocalDate effectiveDate,
            @Schema(description = "When the ledger recorded it") Instant recordedAt,
            @Schema(description = "Amount moved, cents", example = "2500000") long amountCents,
            String reason, String reference, String reversesTransactionId, String reversedKind,
            String operator, String sourceCode, String phase, String tiId, String regionCode, String measureCode,
            String actionId, String actor, List<EntryView> entries,
            @Schema(description = "Balances of the touched accounts after the transaction (write responses only)")
            List<AccountView> accounts,
            Totals.Territory territoryTotals, Totals.Action actionTotals,
            @Schema(description = "The convention de mobilisation an operator line's funding names (LINE_FUNDED only), "
                    + "a code of measure-service's conventions checked by its form only", example = "CONV-2019-BPIFRANCE")
            String conventionCode) {

        public TransactionView withConventionCode(String code) {
            return new TransactionView(transactionId, seq, kind, effectiveDate, recordedAt, amountCents, reason,
                    reference, reversesTransactionId, reversedKind, operator, sourceCode, phase, tiId, regionCode,
                    measureCode, actionId, actor, entries, accounts, territoryTotals, actionTotals, code);
        }

        public static TransactionView of(LedgerTransaction t) {
            return of(t, null, null, null);
        }

        public static TransactionView of(Posted p) {
            return of(p.transaction(), p.accounts().stream().map(AccountView::of).toList(), p.territoryTotals(),
                    p.actionTotals());
        }

        static TransactionView of(LedgerTransaction t, List<AccountView> accounts, Totals.Territory territory,
                                  Totals.Action action) {
            return new TransactionView(t.id().toString(), t.seq(), t.kind().name(), t.effectiveDate(), t.recordedAt(),
                    t.amountCents(), t.reason(), t.reference(), t.reversesTx() == null ? null : t.reversesTx().toString(),
                    t.reversedKind(), t.operator(), t.sourceCode(), t.phase(), t.tiId(), t.regionCode(),
                    t.measureCode(), t.actionId(), t.actor(), t.entries().stream().map(EntryView::of).toList(),
                    accounts, territory, action, null);
        }
    }

    @Schema(name = "Account", description = "An account of the ledger and its maintained balance")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AccountView(long id, String kind, String code, Long parentId, String operator, String sourceCode,
                              String phase, String tiId, String regionCode, String measureCode, String actionId,
                              @Schema(description = "Received from the parent account") long inflowCents,
                              @Schema(description = "Passed on to child accounts") long outflowCents,
                              @Schema(description = "inflow - outflow") long availableCents) {
        public static AccountView of(Account a) {
            return new AccountView(a.id(), a.kind().name(), a.code(), a.parentId(), a.operator(), a.sourceCode(),
                    a.phase(), a.tiId(), a.regionCode(), a.measureCode(), a.actionId(), a.inflowCents(),
                    a.outflowCents(), a.availableCents());
        }
    }

    @Schema(name = "AccountBalance", description = "An account with its balances. allocated/committed/disbursed roll "
            + "up the allocations, commitments and payments under the account (for an allocation: its own amount, "
            + "the commitments on it and the payments on them; for a commitment: committed = its amount).")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AccountBalanceView(AccountView account, Reports.Balance balance) {
    }

    @Schema(name = "FicheAction", description = "A fiche-action as known from contract-service, with its funding totals")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ActionView(String actionId, String contractId, String phase, String tiId, String regionCode,
                             String title, String axis, List<String> measureCodes, String status,
                             long committedCents, long disbursedCents) {
        public static ActionView of(FundingAction a, Totals.Action t) {
            return new ActionView(a.actionId(), a.contractId(), a.phase(), a.tiId(), a.regionCode(), a.title(),
                    a.axis(), a.measureCodes(), a.status(), t == null ? 0 : t.committedCents(),
                    t == null ? 0 : t.disbursedCents());
        }
    }

    @Schema(name = "Programme", description = "The programme envelope and its source lines")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ProgrammeView(long ceilingCents, AccountView programme, List<AccountView> sources) {
    }
}
