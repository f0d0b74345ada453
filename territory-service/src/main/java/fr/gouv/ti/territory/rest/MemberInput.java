package fr.gouv.ti.territory.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

@Schema(name = "GroupementInput", description = "A groupement (EPCI, EPT, or a commune for commune-based territories)")
public record MemberInput(
        @NotBlank @Schema(description = "SIREN, 9 digits with a valid Luhn checksum", example = "200035731") String siren,
        @NotBlank @Size(max = 300) @Schema(description = "Name as ANCT publishes it", example = "CA Roannais Agglomération") String name,
        @Size(max = 300) @Schema(description = "Current official (COG) name, if different", example = "CA Roannais Agglomération") String officialName,
        @NotBlank @Schema(description = "Legal nature", enumeration = {"CC", "CA", "CU", "METRO", "MET69", "EPT", "COM"}, example = "CA") String nature,
        @NotEmpty @Size(max = 20) @Schema(description = "Departments of its communes", example = "[\"42\"]") List<@NotBlank String> departmentCodes) {
}
