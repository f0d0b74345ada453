package fr.gouv.ti.funding.service;

import fr.gouv.ti.funding.domain.Instrument;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * One commitment as a row of the SCDL "Subventions" Table Schema v2.1.1 (OpenDataFrance; décret n° 2017-779), its 40
 * fields in the schema's order. The rules that are ours, in one place:
 * <ul>
 * <li>the operator is the attribuant and the service instructeur (it commits its own credits);</li>
 * <li>{@code dateConvention} and {@code dateDecision} are the effective date of the first commitment; the budget year is its year;</li>
 * <li>{@code dispositif} is the measure code, {@code sousDispositif} its title in the catalogue;</li>
 * <li>payments: one → {@code unique} on its date, several → {@code échelonné} over first/last date, none yet →
 * {@code autre}, over the convention date to the end of the programme's phase;</li>
 * <li>one beneficiary per commitment: {@code pourcentageSubvention} is 1.00; no de minimis notification is recorded: {@code non}.</li>
 * </ul>
 */
record ScdlSubvention(long commitmentId, String attribuant, String attribuantSiret, String beneficiary,
                      String beneficiarySiret, LocalDate convention, String decisionReference, String measureCode,
                      String measureTitle, String object, Instrument instrument, BigDecimal amountEuros,
                      LocalDate firstPaid, LocalDate lastPaid, long payments, String phase) {

    static final List<String> COLUMNS = List.of("idSubvention", "nomAttribuant", "idAttribuant",
            "nomServiceInstructeur", "idServiceInstructeur", "nomBeneficiaire", "idBeneficiaire", "rnaBeneficiaire",
            "exerciceBudgetaire", "pluriannualite", "anneesPluriannualite", "dateDecision", "dateConvention",
            "referenceDecision", "dateCreation", "dateDebut", "dateFin", "dispositif", "sousDispositif", "statutLabel",
            "objet", "nature", "montantDemande", "montant", "nomOutilInstruction", "nomOutilVersement", "ej",
            "cléVersement", "conditionsVersement", "descriptionConditionsVersement", "datesPeriodeVersement",
            "cofinancement", "attribuantsCofinanceurs", "idCofinancement", "idRAE", "notificationUE",
            "pourcentageSubvention", "evaluationCout", "evaluation", "dateMiseAJour");

    List<Object> cells() {
        Object[] c = new Object[COLUMNS.size()];
        Arrays.fill(c, "");
        put(c, "idSubvention", "TI-" + commitmentId);
        put(c, "nomAttribuant", attribuant);
        put(c, "idAttribuant", attribuantSiret);
        put(c, "nomServiceInstructeur", attribuant);
        put(c, "idServiceInstructeur", attribuantSiret);
        put(c, "nomBeneficiaire", beneficiary);
        put(c, "idBeneficiaire", beneficiarySiret);
        if (convention != null) {
            put(c, "exerciceBudgetaire", convention.getYear());
            put(c, "dateDecision", convention.toString());
            put(c, "dateConvention", convention.toString());
        }
        put(c, "referenceDecision", decisionReference);
        put(c, "dispositif", measureCode);
        put(c, "sousDispositif", measureTitle);
        put(c, "statutLabel", "attribuée");
        put(c, "objet", object);
        put(c, "nature", instrument.scdlNature().orElse(""));
        put(c, "montant", amountEuros);
        if (payments == 1) {
            put(c, "conditionsVersement", "unique");
            put(c, "descriptionConditionsVersement", "Versement unique le " + firstPaid);
            put(c, "datesPeriodeVersement", firstPaid.toString());
        } else if (payments > 1) {
            put(c, "conditionsVersement", "échelonné");
            put(c, "descriptionConditionsVersement", payments + " versements du " + firstPaid + " au " + lastPaid);
            put(c, "datesPeriodeVersement", firstPaid + "/" + lastPaid);
        } else {
            put(c, "conditionsVersement", "autre");
            put(c, "descriptionConditionsVersement", "Aucun versement à ce jour ; versements attendus avant la fin de "
                    + "la phase " + phase + " du programme");
            if (convention != null) {
                put(c, "datesPeriodeVersement", convention + "/" + phaseEnd());
            }
        }
        put(c, "notificationUE", "non");
        put(c, "pourcentageSubvention", new BigDecimal("1.00"));
        return Arrays.asList(c);
    }

    /** 31 December of the phase's last year ("2019-2022" → 2022-12-31). */
    private LocalDate phaseEnd() {
        return LocalDate.of(Integer.parseInt(phase.substring(phase.indexOf('-') + 1)), 12, 31);
    }

    private static void put(Object[] cells, String column, Object value) {
        cells[COLUMNS.indexOf(column)] = value == null ? "" : value;
    }
}
