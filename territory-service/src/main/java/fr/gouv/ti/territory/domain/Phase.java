package fr.gouv.ti.territory.domain;

import java.time.LocalDate;

/** A phase of the programme, e.g. 2019-2022. */
public record Phase(String code, LocalDate startsOn, LocalDate endsOn) {
}
