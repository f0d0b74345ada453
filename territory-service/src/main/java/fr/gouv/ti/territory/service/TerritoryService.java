package fr.gouv.ti.territory.service;

import fr.gouv.ti.commons.audit.AuditLog;
import fr.gouv.ti.commons.outbox.Outbox;
import fr.gouv.ti.commons.problem.ProblemException;
import fr.gouv.ti.commons.security.Caller;
import fr.gouv.ti.commons.security.Role;
import fr.gouv.ti.territory.domain.Territory;
import fr.gouv.ti.territory.rest.NewTerritory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.List;

@ApplicationScoped
public class TerritoryService {

    private final Outbox outbox;
    private final AuditLog audit;

    public TerritoryService(Outbox outbox, AuditLog audit) {
        this.outbox = outbox;
        this.audit = audit;
    }

    @Transactional
    public Territory label(Caller caller, NewTerritory request) {
        caller.require(Role.NATIONAL_ADMIN);
        if (Territory.findByKey(request.phase(), request.tiId()).isPresent()) {
            throw ProblemException.conflict("territory-exists", "Territory already exists",
                    "Territory " + request.tiId() + " already exists in phase " + request.phase() + ".");
        }
        Territory t = new Territory();
        t.phase = request.phase();
        t.tiId = request.tiId();
        t.name = request.name();
        t.regionCode = request.regionCode();
        t.persist();
        outbox.append(TerritoryEvents.labelled(t));
        audit.record(caller, "territory.label", "territory", TerritoryEvents.key(t), null);
        return t;
    }

    public List<Territory> list(String phase) {
        return phase == null ? Territory.list("order by phase, tiId")
                : Territory.list("phase = ?1 order by tiId", phase);
    }

    public Territory get(String phase, String tiId) {
        return Territory.findByKey(phase, tiId).orElseThrow(() ->
                ProblemException.notFound("No territory " + tiId + " in phase " + phase + "."));
    }
}
