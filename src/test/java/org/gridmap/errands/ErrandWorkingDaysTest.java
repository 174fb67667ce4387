package org.gridmap.errands;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.gridmap.accounts.Role;
import org.gridmap.accounts.User;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The policy's option of working days with its holiday table, through the whole service on the real database: an
 * errand filed before the National Day holidays gets its deadlines after them, and is not overdue during them.
 */
class ErrandWorkingDaysTest {
    static ErrandTown town;

    @BeforeAll
    static void start() throws Exception { town = new ErrandTown(); }

    @AfterAll
    static void stop() { town.close(); }

    @Test
    void deadlinesSkipWeekendsAndHolidaysAndNothingIsOverdueOnAHoliday() throws Exception {
        ErrandPolicy working = ErrandPolicy.builtIn().withWorkingDays(true);
        ErrandService service = new ErrandService(town.server.database().dataSource(), working, town.clock);
        User volunteer = new User(town.volunteerId, "vo", Role.STAFF);
        User leader = new User(town.leaderId, "gl", Role.STAFF);
        // Wednesday 30 September 2026, 10:00 in Chongqing; 1–7 October are holidays, 10 October a Saturday
        town.clock.set(Instant.parse("2026-09-30T02:00:00Z"));
        int processing = (int) town.longs("SELECT processing_days FROM errand_items WHERE code = 'residence_certificate'")[0];
        Errands.Errand e = service.file(new Errands.NewErrand("residence_certificate", "point", null, town.pointCode, null,
                new Errands.Resident("测试居民", "100-0000-5100", null, null), false, null), volunteer);
        // one working day after Wednesday 30 September is Thursday 8 October
        assertThat(e.stageDueAt()).isEqualTo(Instant.parse("2026-10-08T02:00:00Z"));
        // 1 + 1 + 2 working days: 8, 9, then 12 and 13 October (10–11 are a weekend), then the item's 3: 14, 15, 16
        assertThat(processing).isEqualTo(3);
        assertThat(e.resultDueAt()).isEqualTo(Instant.parse("2026-10-16T02:00:00Z"));

        town.clock.set(Instant.parse("2026-10-06T02:00:00Z"));   // a week on, but still the holidays: not overdue
        assertThat(service.view(e.number(), volunteer).overdue()).isFalse();
        town.clock.set(Instant.parse("2026-10-08T03:00:00Z"));   // an hour past the first working day: overdue
        assertThat(service.view(e.number(), volunteer).overdue()).isTrue();

        // the hand-off sent now is late, and the grid leader's day runs from it: Friday 9 October
        Errands.Handoff h = service.handOff(e.number(), new Errands.HandoffRequest("grid", town.leaderStaff, null, null), volunteer);
        assertThat(h.late()).isTrue();
        assertThat(h.receiverDueAt()).isEqualTo(Instant.parse("2026-10-09T03:00:00Z"));
        service.confirm(e.number(), h.id(), leader);
        town.clock.set(Instant.parse("2026-10-09T02:00:00Z"));   // Friday 10:00, on time: the station has until Tuesday
        Errands.Handoff toStation = service.handOff(e.number(), new Errands.HandoffRequest("station", null, "st", null), leader);
        assertThat(toStation.late()).isFalse();
        assertThat(toStation.receiverDueAt()).isEqualTo(Instant.parse("2026-10-13T02:00:00Z"));
    }
}
