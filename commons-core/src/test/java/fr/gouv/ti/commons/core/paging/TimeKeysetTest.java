package fr.gouv.ti.commons.core.paging;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimeKeysetTest {

    @Test
    void aCursorGivesBackTheExactPositionToTheMicrosecond() {
        for (Instant at : new Instant[]{Instant.parse("2026-12-06T09:30:00.123456Z"), Instant.parse("1969-12-31T23:59:59.999999Z"),
                Instant.EPOCH}) {
            TimeKeyset position = new TimeKeyset(at, 1042);
            assertThat(TimeKeyset.decode(position.encode())).isEqualTo(position);
        }
        assertThat(TimeKeyset.decode(null)).isNull();
        assertThat(TimeKeyset.decode(" ")).isNull();
    }

    @Test
    void aCursorThisApiDidNotReturnIsRefused() {
        for (String bad : new String[]{"!!", "bm90LWEta2V5c2V0" /* not-a-keyset */, "OjE" /* :1 */,
                "MTI6" /* 12: */, "YTpi" /* a:b */}) {
            assertThatThrownBy(() -> TimeKeyset.decode(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
