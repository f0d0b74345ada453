package fr.gouv.ti.commons.time;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The one clock of the suite: business dates ("today" for a date in the future, the default {@code asOf} of a
 * report, the day a name is in force) are days in Europe/Paris, the programme's time zone, on every service and
 * whatever the host's time zone. Technical timestamps ({@code updated_at}, {@code recorded_at}) stay instants.
 * A test may replace the bean with a fixed clock ({@code @DefaultBean}).
 */
@Singleton
public class ProgrammeClock {

    public static final ZoneId ZONE = ZoneId.of("Europe/Paris");

    @Produces
    @Singleton
    @DefaultBean
    Clock clock() {
        return Clock.system(ZONE);
    }

    /** Today in Europe/Paris by the given clock (its own zone is ignored: the day is always the Paris day). */
    public static LocalDate today(Clock clock) {
        return LocalDate.ofInstant(clock.instant(), ZONE);
    }
}
