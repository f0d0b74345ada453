package fr.gouv.ti.funding.config;

import io.smallrye.config.ConfigMapping;

import java.util.Map;

/**
 * What the SCDL Subventions export needs and the sources of this project do not give ({@code ti.funding.open-data.*}):
 * the SIRET of each operator, which is both the attribuant and the service instructeur of its commitments, e.g.
 * {@code ti.funding.open-data.operator-siret."BPIFRANCE"=…}. The deployer sets them from the Sirene register; an
 * operator without one leaves idAttribuant and idServiceInstructeur empty, and its rows do not meet the schema.
 */
@ConfigMapping(prefix = "ti.funding.open-data")
public interface OpenDataConfig {

    /** SIRET (14 digits) by operator code. */
    Map<String, String> operatorSiret();
}
