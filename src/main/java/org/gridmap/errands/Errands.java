package org.gridmap.errands;

import java.time.Instant;
import java.util.List;

/** The values errands are made of. */
public final class Errands {
    private Errands() { }

    /** The stages in order; the database's trigger enforces the same order. */
    public static final List<String> STAGES = List.of("filed", "grid", "station", "department", "result_ready",
            "returned", "closed");
    public static final List<String> CHANNELS = List.of("point", "phone", "online");

    /** Personal data (PIPL): shown only to those who hold, held or supervise the errand, and every read is logged. */
    public record Resident(String name, String phone, Long householdId, String note) { }

    /** Where it was filed: a service point (by id or code), or for a phone errand only the grid (by code). */
    public record NewErrand(String itemCode, String channel, Long facilityId, String pointCode, String gridCode,
                            Resident resident, boolean urgent, String urgentReason) { }

    public record Errand(long id, String number, String itemCode, String itemName, String itemNameEn,
                         int processingDays, long gridId, String gridCode, String gridName, Long facilityId,
                         String channel, Resident resident, String stage, boolean urgent, String urgentReason,
                         Instant filedAt, Long filedBy, Long holderUserId, Long holderStaffId, Instant stageSince,
                         Instant stageDueAt, Instant resultDueAt, Integer rating, String ratingComment,
                         Instant closedAt) {
        public boolean finished() { return stage.equals("returned") || stage.equals("closed"); }
    }

    public record Handoff(long id, long errandId, String fromStage, String toStage, Long fromUserId, long toUserId,
                          Long toStaffId, Instant sentAt, Instant dueAt, Instant receiverDueAt, String skipReason,
                          Instant confirmedAt, Long confirmedBy) {
        /** Sent after the sender's deadline. */
        public boolean late() { return sentAt.isAfter(dueAt); }
        public boolean inTransit() { return confirmedAt == null; }
    }

    /**
     * A hand-off request: to a staff entry (its linked account receives), to a position (a station's or a window's;
     * its account receives), or straight to an account.
     */
    public record HandoffRequest(String toStage, Long toStaffId, String toUsername, String skipReason, Long toPositionId) {
        public HandoffRequest(String toStage, Long toStaffId, String toUsername, String skipReason) {
            this(toStage, toStaffId, toUsername, skipReason, null);
        }
    }

    public record StaffCard(long id, long gridId, String role, String name, String phone, Long userId) { }

    public record Item(String code, String name, String nameEn, String windowCode, String departmentCode,
                       int processingDays, List<String> documents) { }

    public record Unit(String code, String name, String nameEn) { }

    public record Catalogue(List<Unit> windows, List<Unit> departments, List<Item> items) { }

    public record HistoryEntry(long id, int seq, Instant at, Long actorUserId, String event, String detail,
                               String prevHash, String hash, String recomputed) { }

    /** The outcome of checking an errand's history chain: intact, or the first entry that does not fit. */
    public record ChainCheck(boolean intact, int entries, Long brokenEntryId, Integer brokenSeq, String reason) { }

    /** An errand with what the asker may see: the resident only when {@code personal} was allowed (and logged). */
    public record View(Errand errand, List<Handoff> handoffs, StaffCard holderCard, boolean overdue, boolean personal) { }

    /** What the public may know of an errand: nothing about the resident. */
    public record PublicRequest(String number, String itemCode, String itemName, String departmentName, String stage,
                                Instant filedAt, Instant updatedAt, Instant resultDueAt, String facilityCode,
                                String facilityName, Double lon, Double lat) {
        public boolean closed() { return stage.equals("returned") || stage.equals("closed"); }
    }

    /**
     * The rings as the figures name them, by the level that hands the errand on: the service point to the grid
     * leader, the grid leader to the station, the station to the department.
     */
    public static final java.util.Map<String, String> RINGS = java.util.Map.of("filed", "point_grid", "grid",
            "grid_station", "station", "station_department");

    /** Hand-offs of one ring in a village (gridCode null) or a grid: how many, how many on time, the median stage time. */
    public record RingRow(String villageCode, String villageName, String gridCode, String gridName, String fromStage,
                          long handoffs, long onTime, double medianHours) { }

    /** The figures for a period: per village and ring, and per grid and ring when one village is asked for. */
    public record Stats(Instant from, Instant to, String village, List<RingRow> rows) { }

    /** An open errand past its deadline, with the public card of the one who should act (receiver in transit, or holder). */
    public record OverdueRow(String number, String itemCode, String itemName, String gridCode, String gridName,
                             String stage, String inTransitTo, Instant dueAt, StaffCard actor) { }
}
