package fr.gouv.ti.territory.domain;

import java.time.LocalDate;
import java.util.List;

/**
 * One membership period of a groupement (EPCI, EPT or commune) in a territory's perimeter.
 * Member on day D when {@code validFrom <= D} and ({@code validTo} is null or {@code D < validTo}).
 */
public record Member(long id, String siren, String name, String officialName, String nature,
                     List<String> departmentCodes, LocalDate validFrom, LocalDate validTo) {

    public static final List<String> NATURES = List.of("CC", "CA", "CU", "METRO", "MET69", "EPT", "COM");

    public boolean current() {
        return validTo == null;
    }

    public boolean memberOn(LocalDate day) {
        return !validFrom.isAfter(day) && (validTo == null || day.isBefore(validTo));
    }
}
