package org.gridmap.errands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ErrandPolicyTest {
    static final ErrandPolicy CALENDAR = ErrandPolicy.builtIn();
    static final ErrandPolicy WORKING = CALENDAR.withWorkingDays(true);

    @Test
    void theBuiltInPolicyIsOneOneTwoInCalendarDays() {
        assertThat(CALENDAR.daysAt("filed", 9)).isEqualTo(1);
        assertThat(CALENDAR.daysAt("grid", 9)).isEqualTo(1);
        assertThat(CALENDAR.daysAt("station", 9)).isEqualTo(2);
        assertThat(CALENDAR.daysAt("department", 9)).isEqualTo(9);
        // Friday 10:00 in Chongqing + 2 calendar days = Sunday 10:00
        assertThat(CALENDAR.plusDays(Instant.parse("2026-11-06T02:00:00Z"), 2)).isEqualTo(Instant.parse("2026-11-08T02:00:00Z"));
        assertThat(CALENDAR.resultDue("grid", Instant.parse("2026-11-02T00:00:00Z"), 10))
                .isEqualTo(Instant.parse("2026-11-15T00:00:00Z"));
    }

    @Test
    void workingDaysSkipWeekendsAndTheHolidayTable() {
        // Friday + 2 working days = Tuesday
        assertThat(WORKING.plusDays(Instant.parse("2026-11-06T02:00:00Z"), 2)).isEqualTo(Instant.parse("2026-11-10T02:00:00Z"));
        // Wednesday 30 September + 2 working days: 1–7 October are National Day holidays → Friday 9 October
        assertThat(WORKING.plusDays(Instant.parse("2026-09-30T02:00:00Z"), 2)).isEqualTo(Instant.parse("2026-10-09T02:00:00Z"));
        // the day boundary is Chongqing's: 23:30 UTC on Friday is already Saturday 07:30 there, so one working day
        // later is Monday 07:30 in Chongqing (Sunday 23:30 UTC), not Monday 23:30 UTC as UTC days would say
        assertThat(WORKING.plusDays(Instant.parse("2026-11-06T23:30:00Z"), 1)).isEqualTo(Instant.parse("2026-11-08T23:30:00Z"));
    }

    @Test
    void aBrokenPolicyFileIsRefusedWithItsReason(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("p.json");
        Files.writeString(f, "{\"hops\":{\"filed\":{\"days\":1},\"grid\":{\"days\":-1},\"station\":{\"days\":2}}}");
        assertThatThrownBy(() -> ErrandPolicy.load(f)).isInstanceOf(IOException.class).hasMessageContaining("hops.grid.days");
        Files.writeString(f, "{\"hops\":{\"filed\":{\"days\":1},\"grid\":{\"days\":1},\"station\":{\"days\":2}},\"days\":\"lunar\"}");
        assertThatThrownBy(() -> ErrandPolicy.load(f)).isInstanceOf(IOException.class).hasMessageContaining("lunar");
    }
}
