package fr.gouv.ti.measure.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.gouv.ti.commons.outbox.Outbox;
import fr.gouv.ti.measure.domain.FundingSource;
import fr.gouv.ti.measure.domain.Operator;
import fr.gouv.ti.measure.service.MeasureEvents.AxisPayload;
import fr.gouv.ti.measure.service.MeasureEvents.FundingSourcePayload;
import fr.gouv.ti.measure.service.MeasureEvents.NamePayload;
import fr.gouv.ti.measure.service.MeasureEvents.OperatorPayload;
import fr.gouv.ti.measure.service.MeasureEvents.ReferencePublished;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;

/**
 * Publishes the reference data (operators with their names and aliases, axes, funding sources) as one snapshot,
 * {@code reference.published} on ti.measure.v1, whenever it differs from the last snapshot published: at every
 * start (before the catalogue seed, so that consumers learn the codes first), which covers a migration that adds
 * an operator or a funding source. contract-service and funding-service validate codes against it.
 */
@ApplicationScoped
public class ReferencePublisher {

    private static final Logger LOG = Logger.getLogger(ReferencePublisher.class);

    private final ReferenceData reference;
    private final Outbox outbox;
    private final ObjectMapper json;
    private final Clock clock;

    public ReferencePublisher(ReferenceData reference, Outbox outbox, ObjectMapper json, Clock clock) {
        this.reference = reference;
        this.outbox = outbox;
        this.json = json;
        this.clock = clock;
    }

    void onStart(@Observes @Priority(2400) StartupEvent event) {
        int version = publishIfChanged();
        LOG.infof(version > 0 ? "reference data published: snapshot %d" : "reference data unchanged: snapshot %d kept",
                Math.abs(version));
    }

    /** Returns the version published, or minus the version kept when nothing changed. */
    @Transactional
    public int publishIfChanged() {
        // one instance at a time: the second one to start sees the first one's snapshot
        Panache.getEntityManager().createNativeQuery("lock table reference_snapshot in exclusive mode").executeUpdate();
        ReferencePublished content = snapshot(0);
        String digest = digest(content);
        Object[] last = (Object[]) Panache.getEntityManager().createNativeQuery(
                        "select coalesce(max(version), 0), (select digest from reference_snapshot order by version desc "
                                + "limit 1) from reference_snapshot")
                .getSingleResult();
        int lastVersion = ((Number) last[0]).intValue();
        if (digest.equals(last[1])) {
            return -lastVersion;
        }
        int version = lastVersion + 1;
        Panache.getEntityManager().createNativeQuery("insert into reference_snapshot (version, digest) values (?1, ?2)")
                .setParameter(1, version).setParameter(2, digest).executeUpdate();
        outbox.append(MeasureEvents.referencePublished(snapshot(version)));
        return version;
    }

    /** The reference data as published (version 0: the content alone, for the digest). */
    public ReferencePublished snapshot(int version) {
        LocalDate today = LocalDate.now(clock);
        List<OperatorPayload> operators = reference.operators().stream().map((Operator o) -> new OperatorPayload(
                o.code, o.nameOn(today), o.kind,
                o.names.stream().map(n -> new NamePayload(n.name, n.validFrom, n.validTo, n.source)).toList(),
                reference.aliasesOf(o.code), o.siret, o.source)).toList();
        List<AxisPayload> axes = reference.axes(null).stream()
                .map(a -> new AxisPayload(a.code, a.phase, a.labelFr, a.position, a.source)).toList();
        List<FundingSourcePayload> sources = reference.fundingSources().stream()
                .map((FundingSource f) -> new FundingSourcePayload(f.code, f.name, f.operatorCode, f.source)).toList();
        return new ReferencePublished(version, operators, axes, sources);
    }

    private String digest(ReferencePublished content) {
        try {
            byte[] bytes = json.writeValueAsString(content).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot digest the reference data", e);
        }
    }
}
