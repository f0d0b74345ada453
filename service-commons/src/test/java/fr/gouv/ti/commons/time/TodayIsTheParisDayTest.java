package fr.gouv.ti.commons.time;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class TodayIsTheParisDayTest {

    @Test
    void anInstantJustBeforeMidnightUtcIsAlreadyTheNextDayInParis() {
        // 22:30 UTC on 31 Dec. 2019 is 23:30 in Paris (UTC+1, winter): still the 31st
        assertThat(ProgrammeClock.today(Clock.fixed(Instant.parse("2019-12-31T22:30:00Z"), ZoneOffset.UTC)))
                .isEqualTo(LocalDate.of(2019, 12, 31));
        // 23:30 UTC is 00:30 on 1 Jan. 2020 in Paris, while the UTC day is still the 31st
        assertThat(ProgrammeClock.today(Clock.fixed(Instant.parse("2019-12-31T23:30:00Z"), ZoneOffset.UTC)))
                .isEqualTo(LocalDate.of(2020, 1, 1));
        // summer time (UTC+2): 22:30 UTC on 30 June 2022 is already 1 July in Paris
        assertThat(ProgrammeClock.today(Clock.fixed(Instant.parse("2022-06-30T22:30:00Z"), ZoneOffset.UTC)))
                .isEqualTo(LocalDate.of(2022, 7, 1));
    }

    @Test
    void theProducedClockIsInParis() {
        Clock clock = new ProgrammeClock().clock();
        assertThat(clock.getZone()).isEqualTo(ProgrammeClock.ZONE);
        assertThat(LocalDate.now(clock)).isEqualTo(ProgrammeClock.today(clock));
    }
}
