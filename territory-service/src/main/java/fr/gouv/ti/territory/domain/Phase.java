package fr.gouv.ti.territory.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;

/** A phase of the programme, e.g. 2019-2022. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Phase(String code, LocalDate startsOn, LocalDate endsOn) {
}
