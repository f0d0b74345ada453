package fr.gouv.ti.territory.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

@Schema(name = "Pilots", description = "The whole list of pilots (replaces the previous one)")
public record PilotsInput(@NotNull @Size(max = 10) List<@NotNull @Valid PilotInput> pilots) {
}
