package fr.gouv.ti.territory.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;

@Schema(name = "Delabelling", description = "Withdrawal of the label")
public record Delabelling(@Schema(description = "Date of the decision (default today)", example = "2022-12-31") LocalDate effectiveDate) {
}
