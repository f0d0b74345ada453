package fr.gouv.ti.measure.rest;

import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;

@Schema(name = "RetireRequest", description = "Retires a measure in the draft: it stays readable, with status RETIRED")
public record RetireRequest(@NotNull @Schema(example = "2022-12-31") LocalDate retiredOn) {
}
