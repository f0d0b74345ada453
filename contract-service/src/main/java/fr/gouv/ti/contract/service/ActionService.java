package fr.gouv.ti.contract.service;

import fr.gouv.ti.commons.web.Preconditions;
import fr.gouv.ti.commons.audit.AuditLog;
import fr.gouv.ti.commons.outbox.Outbox;
import fr.gouv.ti.commons.problem.Problem.FieldError;
import fr.gouv.ti.commons.problem.ProblemException;
import fr.gouv.ti.commons.security.Caller;
import fr.gouv.ti.contract.domain.ActionStatus;
import fr.gouv.ti.contract.domain.CatalogueProjection;
import fr.gouv.ti.contract.domain.Contract;
import fr.gouv.ti.contract.domain.FicheAction;
import fr.gouv.ti.contract.domain.MeasureProjection;
import fr.gouv.ti.contract.domain.TerritoryProjection;
import fr.gouv.ti.contract.rest.ActionRequest;
import fr.gouv.ti.contract.rest.ActionView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** Fiches-actions: validated against the local projections of the territory and of the measure catalogue. */
@ApplicationScoped
public class ActionService {

    private final Outbox outbox;
    private final AuditLog audit;
    private final JsonText json;
    private final ContractService contracts;

    public ActionService(Outbox outbox, AuditLog audit, JsonText json, ContractService contracts) {
        this.outbox = outbox;
        this.audit = audit;
        this.json = json;
        this.contracts = contracts;
    }

    @Transactional
    public FicheAction create(Caller caller, UUID contractId, ActionRequest request) {
        Contract c = Contract.findForUpdate(contractId)
                .orElseThrow(() -> ProblemException.notFound("No contract " + contractId + "."));
        Access.requireEditActions(caller, c);
        requireOpen(c);
        if (request.status() != null && request.status() != ActionStatus.IDENTIFIED) {
            throw ProblemException.validation("A new fiche-action starts IDENTIFIED; change its status afterwards.",
                    List.of(new FieldError("status", "must be omitted or IDENTIFIED on creation")));
        }
        List<ActionRequest.FundingRequest> funding = validate(request, c);
        FicheAction a = new FicheAction();
        a.id = UUID.randomUUID();
        a.contractId = c.id;
        apply(a, request, funding);
        a.status = ActionStatus.IDENTIFIED;
        a.persist();
        a.flush();
        outbox.append(ContractEvents.action(ContractEvents.ACTION_CREATED, c, a, contracts.funding(a)));
        audit.record(caller, "action.create", "action", a.id.toString(), json.hash(request),
                AuditLog.Concerns.territory(c.phase, c.tiId, c.regions().toArray(String[]::new)));
        return a;
    }

    @Transactional
    public FicheAction update(Caller caller, UUID contractId, UUID actionId, ActionRequest request, String ifMatch) {
        Contract c = Contract.findForUpdate(contractId)
                .orElseThrow(() -> ProblemException.notFound("No contract " + contractId + "."));
        FicheAction a = FicheAction.findById(actionId, LockModeType.PESSIMISTIC_WRITE);
        if (a == null || !a.contractId.equals(c.id)) {
            throw ProblemException.notFound("No fiche-action " + actionId + " in contract " + contractId + ".");
        }
        Access.requireEditActions(caller, c);
        requireOpen(c);
        Preconditions.requireMatch(ifMatch, a.version, "fiche-action " + actionId);
        ActionStatus target = request.status() == null ? a.status : request.status();
        if (a.status.allowedNext().isEmpty()) {
            throw ProblemException.conflict("action-final", "Fiche-action is final",
                            "Fiche-action " + a.id + " is " + a.status + " and can no longer change.")
                    .with("currentState", a.status.name()).with("allowedTransitions", List.of());
        }
        if (target != a.status && !a.status.allowedNext().contains(target)) {
            throw ProblemException.conflict("illegal-transition", "Status change not allowed",
                            "A fiche-action " + a.status + " cannot become " + target + "; allowed: "
                                    + a.status.allowedNext().stream().map(Enum::name).collect(Collectors.joining(", ")) + ".")
                    .with("currentState", a.status.name())
                    .with("requestedState", target.name())
                    .with("allowedTransitions", a.status.allowedNext().stream().map(Enum::name).toList());
        }
        List<ActionRequest.FundingRequest> funding = validate(request, c);
        apply(a, request, funding);
        a.status = target;
        a.updatedAt = Instant.now();
        a.flush();
        outbox.append(ContractEvents.action(ContractEvents.ACTION_UPDATED, c, a, contracts.funding(a)));
        audit.record(caller, "action.update", "action", a.id.toString(), json.hash(request),
                AuditLog.Concerns.territory(c.phase, c.tiId, c.regions().toArray(String[]::new)));
        return a;
    }

    public FicheAction get(UUID contractId, UUID actionId) {
        FicheAction a = FicheAction.findById(actionId);
        if (a == null || !a.contractId.equals(contractId)) {
            throw ProblemException.notFound("No fiche-action " + actionId + " in contract " + contractId + ".");
        }
        return a;
    }

    public ActionView view(Caller caller, FicheAction a) {
        Contract c = Contract.findById(a.contractId);
        return contracts.actionView(a, Access.readsInFull(caller, c));
    }

    public List<ActionView> list(Caller caller, UUID contractId) {
        Contract c = contracts.get(contractId);
        boolean full = Access.readsInFull(caller, c);
        return FicheAction.of(c.id).stream().map(a -> contracts.actionView(a, full)).toList();
    }

    private static void requireOpen(Contract c) {
        if (!c.state.isOpen()) {
            throw ProblemException.conflict("contract-not-open", "Contract is " + c.state.name().toLowerCase(),
                            "Contract " + c.id + " is " + c.state + "; its fiches-actions can no longer be edited.")
                    .with("currentState", c.state.name()).with("allowedTransitions", List.of());
        }
    }

    private List<ActionRequest.FundingRequest> validate(ActionRequest r, Contract c) {
        List<FieldError> errors = new ArrayList<>();
        List<String> axes = Codes.axes(c.phase);
        if (!axes.contains(r.axis())) {
            errors.add(new FieldError("axis", "must be one of the axes of phase " + c.phase + ": " + String.join(", ", axes)));
        }
        if (r.actionDate().isBefore(c.periodStart) || r.actionDate().isAfter(c.periodEnd)) {
            errors.add(new FieldError("actionDate", "must be within the contract period " + c.periodStart + ".." + c.periodEnd));
        }

        // measures: valid in the catalogue (local projection) on the action's date
        CatalogueProjection catalogue = Projections.catalogue();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < r.measureCodes().size(); i++) {
            String code = r.measureCodes().get(i);
            String field = "measureCodes[" + i + "]";
            if (!seen.add(code)) {
                errors.add(new FieldError(field, "measure " + code + " is listed twice"));
                continue;
            }
            MeasureProjection m = MeasureProjection.findById(code);
            if (m == null) {
                errors.add(new FieldError(field, "unknown measure " + code + " in catalogue version " + catalogue.version));
                continue;
            }
            String why = m.unusableOn(r.actionDate());
            if (why != null) {
                errors.add(new FieldError(field, why + "; it cannot be used by a fiche-action dated " + r.actionDate()));
            } else if (m.phase != null && !m.phase.equals(c.phase)) {
                errors.add(new FieldError(field, "measure " + code + " belongs to phase " + m.phase + ", not " + c.phase));
            }
        }

        // lead organisation: SIREN and/or SIRET, Luhn-checked and consistent
        ActionRequest.LeadOrganisation lead = r.leadOrganisation();
        if (lead.siren() == null && lead.siret() == null) {
            errors.add(new FieldError("leadOrganisation", "give the SIREN or the SIRET of the lead organisation"));
        }
        if (lead.siren() != null && !Codes.isSiren(lead.siren())) {
            errors.add(new FieldError("leadOrganisation.siren", lead.siren() + " is not a valid SIREN (Luhn check fails)"));
        }
        if (lead.siret() != null && !Codes.isSiret(lead.siret())) {
            errors.add(new FieldError("leadOrganisation.siret", lead.siret() + " is not a valid SIRET (Luhn check fails)"));
        }
        if (lead.siren() != null && lead.siret() != null && !lead.siret().startsWith(lead.siren())) {
            errors.add(new FieldError("leadOrganisation.siret", "SIRET " + lead.siret() + " does not belong to SIREN " + lead.siren()));
        }

        // EPCI of the perimeter on the action's date
        TerritoryProjection t = Projections.territory(c.phase, c.tiId);
        Projections.requirePerimeter(t);
        if (!Codes.isSiren(r.epciSiren())) {
            errors.add(new FieldError("epciSiren", r.epciSiren() + " is not a valid SIREN (Luhn check fails)"));
        } else if (t.perimeterOn(r.actionDate()).stream().noneMatch(m -> m.siren.equals(r.epciSiren()))) {
            errors.add(new FieldError("epciSiren", "EPCI " + r.epciSiren() + " is not in the perimeter of territory "
                    + t.key + " on " + r.actionDate()));
        }

        // requested funding per operator, within the estimated cost
        List<ActionRequest.FundingRequest> funding = new ArrayList<>();
        Set<String> operators = new HashSet<>();
        long total = 0;
        boolean overflow = false;
        List<ActionRequest.FundingRequest> requested = r.requestedFunding() == null ? List.of() : r.requestedFunding();
        for (int i = 0; i < requested.size(); i++) {
            ActionRequest.FundingRequest f = requested.get(i);
            String code = Codes.operator(f.operator());
            if (code == null) {
                errors.add(new FieldError("requestedFunding[" + i + "].operator", "unknown operator code "
                        + f.operator() + "; known: " + String.join(", ", Codes.operators())));
                continue;
            }
            if (!operators.add(code)) {
                errors.add(new FieldError("requestedFunding[" + i + "].operator", "operator " + code + " is listed twice"));
                continue;
            }
            try {
                total = Math.addExact(total, f.amountCents());
            } catch (ArithmeticException e) {
                overflow = true;
            }
            funding.add(new ActionRequest.FundingRequest(code, f.amountCents()));
        }
        if (overflow || total > r.estimatedCostCents()) {
            errors.add(new FieldError("requestedFunding", "the funding requested (" + (overflow ? "overflow" : total)
                    + " cents) exceeds the estimated cost (" + r.estimatedCostCents() + " cents)"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(ContractService.describe(errors), errors);
        }
        return funding;
    }

    private void apply(FicheAction a, ActionRequest r, List<ActionRequest.FundingRequest> funding) {
        a.title = r.title();
        a.description = r.description();
        a.axis = r.axis();
        a.measureCodes = String.join(";", r.measureCodes());
        a.actionDate = r.actionDate();
        a.leadName = r.leadOrganisation().name();
        a.leadSiret = r.leadOrganisation().siret();
        a.leadSiren = r.leadOrganisation().siren() != null ? r.leadOrganisation().siren()
                : r.leadOrganisation().siret().substring(0, 9);
        a.epciSiren = r.epciSiren();
        a.estimatedCostCents = r.estimatedCostCents();
        a.requestedFunding = json.write(funding);
    }
}
