package fr.gouv.ti.territory.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** A commune of the COG and the SIREN of its EPCI (null for the few communes in none). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Commune(String insee, String name, String siren, String departmentCode, String regionCode,
                      String epciSiren, List<String> postalCodes, Integer population) {
}
