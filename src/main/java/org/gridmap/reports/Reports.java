package org.gridmap.reports;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.gridmap.visits.Visits;

/** The values reports, station notifications and meetings are made of. */
public final class Reports {
    private Reports() { }

    /** Days in one report period. */
    public static final int PERIOD_DAYS = 3;

    /**
     * A report period: three days of the town's calendar from {@code start}. Periods are counted from 1970-01-01 so
     * every grid shares them and none straddles two lengths at a year's end. The report is due when day 4 begins;
     * a report sent on day 4 or later is late, and a period with none is flagged missing from day 4 on.
     */
    public record Period(LocalDate start) {
        public static Period of(LocalDate day) {
            return new Period(day.minusDays(Math.floorMod(day.toEpochDay(), PERIOD_DAYS)));
        }
        public static Period of(Instant t) { return of(LocalDate.ofInstant(t, Visits.ZONE)); }
        public static boolean isStart(LocalDate d) { return Math.floorMod(d.toEpochDay(), PERIOD_DAYS) == 0; }
        public Instant from() { return start.atStartOfDay(Visits.ZONE).toInstant(); }
        public Instant due() { return start.plusDays(PERIOD_DAYS).atStartOfDay(Visits.ZONE).toInstant(); }
        public Period previous() { return new Period(start.minusDays(PERIOD_DAYS)); }
        @Override public String toString() { return start.toString(); }
    }

    public record NewReport(long gridId, LocalDate periodStart, boolean urgent, List<String> urgentItems, String text) { }

    /** The grid as a report sees it: its village, and the staff entry of the reporting account there. */
    public record GridPlace(long gridId, String gridCode, String gridName, long villageId, String villageCode) { }

    /** What the period's work was, counted from the records rather than typed in. */
    public record Counts(int visitsDone, int casesOpened, int casesClosed) { }

    public record Report(long id, long gridId, String gridCode, long villageId, String staffName, LocalDate periodStart,
                         Instant submittedAt, Instant dueAt, boolean late, boolean urgent, int visitsDone, int casesOpened,
                         int casesClosed, List<String> urgentItems, String text) { }

    /** A station's view of one grid's period: its regular report, if any, and what that makes it. */
    public record PeriodState(long gridId, String gridCode, String gridName, String leader, LocalDate periodStart, Instant due,
                              Long reportId, Instant submittedAt, String state) { }

    public record Notification(long id, long villageId, String kind, Long reportId, String gridCode, Instant at, String summary) { }

    public record Attendance(String gridCode, String staffName, boolean present) { }

    public record DiscussedCase(long caseId, String title, String status, String note) { }

    public record NewMeeting(LocalDate heldOn, List<String> presentGrids, List<DiscussedCase> cases, List<String> decisions,
                             String notes) { }

    public record Meeting(long id, String villageCode, LocalDate heldOn, String recordedBy, Instant recordedAt,
                          List<Attendance> attendance, List<DiscussedCase> cases, List<String> decisions, String notes) { }

    /** Per grid and month: report periods due, sent on time, late, and missing. */
    public record OnTime(long gridId, String gridCode, String villageCode, int due, int onTime, int late, int missing) { }

    /** Per grid: cases open at the instant asked, by age in days. */
    public record OpenAges(long gridId, String gridCode, String villageCode, int upTo3, int upTo7, int upTo30, int older) { }
}
