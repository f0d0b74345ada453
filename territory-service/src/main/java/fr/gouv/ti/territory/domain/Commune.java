package fr.gouv.ti.territory.domain;

import java.util.List;

/** A commune of the COG and the SIREN of its EPCI (null for the few communes in none). */
public record Commune(String insee, String name, String siren, String departmentCode, String regionCode,
                      String epciSiren, List<String> postalCodes, Integer population) {
}
