package fr.gouv.ti.measure.service;

import fr.gouv.ti.commons.problem.ProblemException;
import fr.gouv.ti.measure.domain.Axis;
import fr.gouv.ti.measure.domain.FundingSource;
import fr.gouv.ti.measure.domain.Operator;
import fr.gouv.ti.measure.domain.OperatorAlias;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

/** Axes, operators and funding sources: reference data loaded by migration, read here. */
@ApplicationScoped
public class ReferenceData {

    public static final List<String> PHASES = List.of("2019-2022", "2023-2027");

    public List<Axis> axes(String phase) {
        return phase == null ? Axis.ordered() : Axis.list("phase = ?1 order by position", phase);
    }

    public Optional<Axis> axis(String code) {
        return code == null ? Optional.empty() : Axis.findByIdOptional(code);
    }

    public List<Operator> operators() {
        return Operator.ordered();
    }

    /** The current code of an operator, accepting the codes of older sources (POLE_EMPLOI → FRANCE_TRAVAIL). */
    public Optional<String> resolveOperator(String code) {
        if (code == null) {
            return Optional.empty();
        }
        if (Operator.findByIdOptional(code).isPresent()) {
            return Optional.of(code);
        }
        return OperatorAlias.<OperatorAlias>findByIdOptional(code).map(a -> a.operatorCode);
    }

    public Operator operator(String code) {
        String resolved = resolveOperator(code).orElseThrow(() ->
                ProblemException.notFound("No operator " + code + "."));
        return Operator.findById(resolved);
    }

    public List<FundingSource> fundingSources() {
        return FundingSource.ordered();
    }

    public List<String> aliasesOf(String operatorCode) {
        return OperatorAlias.<OperatorAlias>list("operatorCode = ?1 order by alias", operatorCode).stream()
                .map(a -> a.alias).toList();
    }

    public String knownAxes() {
        return String.join(", ", Axis.ordered().stream().map(a -> a.code).toList());
    }

    public String knownOperators() {
        return String.join(", ", Operator.ordered().stream().map(o -> o.code).toList());
    }
}
