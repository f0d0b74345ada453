package fr.gouv.ti.measure.convention;

import fr.gouv.ti.commons.paging.Cursor;
import fr.gouv.ti.commons.paging.Page;
import fr.gouv.ti.commons.problem.Problem.FieldError;
import fr.gouv.ti.commons.problem.ProblemException;
import fr.gouv.ti.measure.domain.Operator;
import fr.gouv.ti.measure.service.ReferenceData;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Reads of the conventions, and the conventions each measure comes from. */
@ApplicationScoped
public class ConventionCatalogue {

    private final ReferenceData reference;

    public ConventionCatalogue(ReferenceData reference) {
        this.reference = reference;
    }

    /** Conventions by code, optionally those an operator is party to (older codes accepted: POLE_EMPLOI). */
    @Transactional
    public Page<ConventionView> list(String operator, Integer limit, String cursor) {
        int max = Cursor.limit(limit);
        String after = Cursor.decode(cursor);
        String op = null;
        if (operator != null && !operator.isBlank()) {
            op = reference.resolveOperator(operator.trim()).orElseThrow(() -> ProblemException.badRequest(
                    "operator must be one of " + reference.knownOperators() + ".",
                    new FieldError("operator", "unknown operator")));
        }
        StringBuilder q = new StringBuilder("1 = 1");
        Map<String, Object> params = new LinkedHashMap<>();
        if (op != null) {
            q.append(" and (c.operatorCode = :op or exists (select 1 from ConventionParty p where p.convention = c and p.operatorCode = :op))");
            params.put("op", op);
        }
        if (after != null) {
            q.append(" and c.code > :after");
            params.put("after", after);
        }
        var query = Panache.getEntityManager()
                .createQuery("select c from Convention c where " + q + " order by c.code", Convention.class)
                .setMaxResults(max + 1);
        params.forEach(query::setParameter);
        List<Convention> found = query.getResultList();
        List<Convention> page = found.size() > max ? found.subList(0, max) : found;
        String next = found.size() > max ? Cursor.encode(page.get(max - 1).code) : null;
        Map<String, Operator> ops = operators();
        return new Page<>(page.stream().map(c -> view(c, ops)).toList(), next);
    }

    @Transactional
    public ConventionView get(String code) {
        if (code == null || !ConventionSeeder.CODE.matcher(code).matches()) {
            throw ProblemException.badRequest("code must look like CONV-2019-BDT.",
                    new FieldError("code", "must match " + ConventionSeeder.CODE.pattern()));
        }
        Convention c = Convention.<Convention>findByIdOptional(code)
                .orElseThrow(() -> ProblemException.notFound("No convention " + code + "."));
        return view(c, operators());
    }

    /** Measure code → codes of the conventions whose commitments it comes from, in code order. */
    @Transactional
    public Map<String, List<String>> conventionsByMeasure() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = Panache.getEntityManager().createNativeQuery("""
                select distinct m.measure_code, k.convention_code
                  from convention_commitment_measure m join convention_commitment k on k.id = m.commitment_id
                 order by 1, 2""").getResultList();
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Object[] r : rows) {
            out.computeIfAbsent((String) r[0], k -> new ArrayList<>()).add((String) r[1]);
        }
        return out;
    }

    private Map<String, Operator> operators() {
        return reference.operators().stream().collect(Collectors.toMap(o -> o.code, Function.identity()));
    }

    private static ConventionView view(Convention c, Map<String, Operator> ops) {
        List<String> missing = new ArrayList<>();
        if (c.signedOn == null) {
            missing.add("signedOn");
        }
        if (c.place == null) {
            missing.add("place");
        }
        if (c.documentReference == null) {
            missing.add("documentReference");
        }
        if (c.durationYears == null) {
            missing.add("durationYears");
        }
        List<ConventionView.Party> parties = new ArrayList<>();
        for (ConventionParty p : c.parties) {
            List<ConventionView.Signatory> signatories = p.signatories.stream()
                    .map(s -> new ConventionView.Signatory(s.name, s.title, s.sourceUrl)).toList();
            if (signatories.isEmpty()) {
                missing.add("parties[" + p.operatorCode + "].signatories");
            }
            parties.add(new ConventionView.Party(p.operatorCode, name(ops, p.operatorCode, c),
                    p.role, signatories.isEmpty() ? null : signatories, p.sourceUrl));
        }
        List<ConventionView.Commitment> commitments = new ArrayList<>();
        for (ConventionCommitment k : c.commitments) {
            if (ConventionCommitment.MONEY.equals(k.kind) && k.amountCents == null) {
                missing.add("commitments[" + k.position + "].amountCents");
            }
            commitments.add(new ConventionView.Commitment(k.position, k.kind, k.description, k.amountCents,
                    k.amountBasis, k.period, k.measureCodes.isEmpty() ? null : List.copyOf(k.measureCodes),
                    k.sourceUrl, k.sourceCitation, k.note));
        }
        if (commitments.stream().noneMatch(k -> ConventionCommitment.MONEY.equals(k.kind()))) {
            missing.add("money commitments (no euro amount found for " + name(ops, c.operatorCode, c) + ")");
        }
        return new ConventionView(c.code, c.label, c.operatorCode, name(ops, c.operatorCode, c), c.signedOn,
                c.signedOnSource, c.place, c.occasion, c.occasionSource, c.documentReference, c.durationYears,
                c.durationSource, c.sourceUrl, c.sourceCitation, parties, commitments,
                missing.isEmpty() ? null : missing);
    }

    private static String name(Map<String, Operator> ops, String code, Convention c) {
        Operator o = ops.get(code);
        return o == null ? code : o.nameOn(c.signedOn);
    }
}
