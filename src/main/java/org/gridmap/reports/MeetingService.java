package org.gridmap.reports;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.gridmap.accounts.User;
import org.gridmap.db.Sql;
import org.gridmap.http.ApiException;
import org.gridmap.visits.Visits;

/** A station's weekly meetings: who of its grid leaders came, which cases were gone through, what was decided. */
public final class MeetingService {
    private final DataSource db;
    private final Clock clock;

    public MeetingService(DataSource db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public Visits.Month thisMonth() { return Visits.Month.of(clock.instant()); }

    /** Records a meeting in one transaction; the grids and cases named must be the village's (else 422). */
    public Reports.Meeting record(String village, Reports.NewMeeting m, User by) throws SQLException {
        return Sql.inTransaction(db, c -> {
            long v = ReportService.stationVillage(c, village, by);
            if (m.heldOn().isAfter(LocalDate.ofInstant(clock.instant(), Visits.ZONE))) {
                throw new ApiException(422, "invalid_meeting", "A meeting is recorded once it was held.")
                        .says("meetings.future", Map.of());
            }
            List<String> wrong = MeetingSql.foreignGrids(c, v, m.presentGrids().toArray(String[]::new));
            List<Long> wrongCases = MeetingSql.foreignCases(c, v, m.cases().stream().map(Reports.DiscussedCase::caseId)
                    .toArray(Long[]::new));
            if (!wrong.isEmpty() || !wrongCases.isEmpty()) {
                String what = String.join(", ", wrong) + (wrong.isEmpty() || wrongCases.isEmpty() ? "" : ", ")
                        + String.join(", ", wrongCases.stream().map(id -> "#" + id).toList());
                throw new ApiException(422, "invalid_meeting", "Not grids or cases of village " + village + ": " + what,
                        Map.of("grids", wrong, "cases", wrongCases)).says("meetings.not_this_village",
                        Map.of("village", village, "what", what));
            }
            long id = MeetingSql.insert(c, v, m.heldOn(), by.id(), clock.instant(), m.decisions(), m.notes());
            MeetingSql.attendance(c, id, v, m.presentGrids().toArray(String[]::new));
            for (Reports.DiscussedCase k : m.cases()) MeetingSql.discussed(c, id, k.caseId(), k.note());
            return meeting(c, id);
        });
    }

    /** The village's meetings held in the month. */
    public List<Reports.Meeting> list(String village, Visits.Month month, User by) throws SQLException {
        return Sql.read(db, c -> {
            long v = ReportService.stationVillage(c, village, by);
            List<Reports.Meeting> out = new ArrayList<>();
            for (MeetingSql.Head h : MeetingSql.heads(c, v, month.month().atDay(1), month.month().plusMonths(1).atDay(1))) {
                out.add(meeting(c, h.id()));
            }
            return out;
        });
    }

    private static Reports.Meeting meeting(Connection c, long id) throws SQLException {
        MeetingSql.Head h = MeetingSql.head(c, id).orElseThrow();
        return new Reports.Meeting(h.id(), h.villageCode(), h.heldOn(), h.recordedBy(), h.recordedAt(),
                MeetingSql.attendanceOf(c, id), MeetingSql.casesOf(c, id), h.decisions(), h.notes());
    }
}
