package org.gridmap.cases;

import java.time.Instant;
import java.util.List;

/** The values cases are made of. */
public final class Cases {
    private Cases() { }

    /** One party to a dispute (personal data). */
    public record Party(String name, String role) { }

    /** A geological hazard found: its type (a hazard type id) and a first threat radius. */
    public record HazardFinding(String type, double radiusM) { }

    /** An errand taken on the spot: the catalogue item, the resident, and the service point if named. */
    public record ErrandFinding(String item, String residentName, String residentPhone, String pointCode) { }

    public record NewCase(long visitId, String kind, String title, String details, boolean urgent, List<Party> parties,
                          HazardFinding hazard, ErrandFinding errand) {
        public boolean geological() { return hazard != null; }
    }

    /** The visit a case comes from, with the household's grid of today and its position. */
    public record VisitPlace(long visitId, long householdId, Long gridId, String gridCode, Long villageId, double lon,
                             double lat) { }

    /** The owner a new case gets: the grid's leader when linked to an account, else who recorded it. */
    public record Owner(Long userId, String name) { }

    public record Case(long id, String kind, Long visitId, Long householdId, long gridId, String gridCode, long villageId,
                       String villageCode, String title, String details, boolean geological, boolean urgent, Long ownerUserId,
                       String ownerName, String status, String outcome, Instant openedAt, Instant dueAt, Instant resolvedAt,
                       Instant closedAt, Long hazardId, String hazardCode, Long errandId, String errandNumber, double lon,
                       double lat, long version, boolean hasParties) { }

    /** A case with what only its own grid's staff read: the parties, and its history. */
    public record Detail(Case kase, List<Party> parties, List<HistoryEntry> history) { }

    public record HistoryEntry(long id, Instant at, String by, String action, String statusBefore, String statusAfter,
                               String text) { }

    /** The answer to a create: the case, and whether this request made it (false: it existed, a retry). */
    public record Opened(Case kase, boolean created) { }

    public record StatusChange(String status, long version, String text, String outcome) { }

    public record Filter(List<String> statuses, String kind, Long grid, String village, double[] bbox, int limit) { }
}
