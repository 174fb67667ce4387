package org.gridmap.errands;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.gridmap.accounts.Role;
import org.gridmap.accounts.User;
import org.gridmap.db.Sql;
import org.gridmap.http.ApiException;

/**
 * The "112" errands: filing, two-sided hand-offs, the stages after the department, who may see the resident,
 * and the public's lookup. Every write is one transaction that also appends to the errand's hash-chained
 * history; all times come from the injected clock, so deadlines can be tested.
 */
public final class ErrandService {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");
    private final DataSource db;
    private final ErrandPolicy policy;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public ErrandService(DataSource db, ErrandPolicy policy, Clock clock) {
        this.db = db;
        this.policy = policy;
        this.clock = clock;
    }

    public Instant now() { return clock.instant(); }

    public java.time.ZoneId zone() { return policy.zone(); }

    public Errands.Catalogue catalogue() throws SQLException {
        return Sql.read(db, c -> new Errands.Catalogue(ErrandSql.windows(c), ErrandSql.departments(c), ErrandSql.items(c)));
    }

    /** Files an errand; {@code by} is the staff account taking it in, or null when a resident files online. */
    public Errands.Errand file(Errands.NewErrand n, User by) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            String number = newNumber();
            try {
                return Sql.inTransaction(db, c -> insert(c, n, by, number));
            } catch (Sql.Conflict e) {
                if (attempt == 3) throw e;   // a 50-bit number collided three times: something else is wrong
            }
        }
    }

    /** The case an errand found on a visit belongs to, and the errand it already has (null: none yet). */
    public record Finder(long caseId, Long errandId) { }

    /** Work in the filing transaction: find (or make) the case under its row lock, then record the link on it. */
    public interface CaseLink {
        Finder caseOf(Connection c) throws SQLException;
        void link(Connection c, long caseId, long errandId) throws SQLException;
    }

    /**
     * Files an errand found on a visit in one transaction with its case, both links written together: the errand
     * carries the case ({@code errands.case_id}, and its "filed" history entry names it), the case the errand. A case
     * that already has its errand (a retried or doubled request) answers that one and files none.
     */
    public Errands.Errand fileForCase(Errands.NewErrand n, User by, CaseLink caseLink) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            String number = newNumber();
            try {
                return Sql.inTransaction(db, c -> {
                    Finder owner = caseLink.caseOf(c);
                    if (owner.errandId() != null) {
                        return ErrandSql.errand(c, ErrandSql.numberOf(c, owner.errandId()), false).orElseThrow();
                    }
                    Errands.Errand e = insert(c, n, by, number, owner.caseId());
                    ErrandSql.setCase(c, e.id(), owner.caseId());
                    caseLink.link(c, owner.caseId(), e.id());
                    return e;
                });
            } catch (Sql.Conflict e) {
                if (attempt == 3) throw e;
            }
        }
    }

    private Errands.Errand insert(Connection c, Errands.NewErrand n, User by, String number) throws SQLException {
        return insert(c, n, by, number, null);
    }

    private Errands.Errand insert(Connection c, Errands.NewErrand n, User by, String number, Long caseId) throws SQLException {
        Errands.Item item = ErrandSql.item(c, n.itemCode()).orElseThrow(() -> new ApiException(422, "invalid_errand",
                "No catalogue item '" + n.itemCode() + "'; GET /api/errands/catalogue lists them.")
                .says("errands.no_item", Map.of("item", n.itemCode())));
        if (CatalogueSql.retired(c, "item", item.code())) {
            throw new ApiException(422, "invalid_errand", "Item '" + item.code() + "' is retired and takes no new errands.")
                    .says("errands.catalogue.item_retired", Map.of("item", item.code()));
        }
        Long facilityId = n.facilityId();
        if (facilityId == null && n.pointCode() != null) {
            facilityId = ErrandSql.facilityByCode(c, n.pointCode()).orElseThrow(() -> new ApiException(422,
                    "invalid_errand", "No service point with code '" + n.pointCode() + "'.")
                    .says("errands.no_point", Map.of("point", n.pointCode())));
        }
        long gridId;
        if (facilityId != null) {
            long f = facilityId;
            gridId = ErrandSql.gridOfFacility(c, f).orElseThrow(() -> new ApiException(422, "invalid_errand",
                    "Facility " + f + " is not a service point or grid hub.").says("errands.not_a_point", Map.of("facility", f)));
        } else {
            gridId = ErrandSql.gridByCode(c, n.gridCode()).orElseThrow(() -> new ApiException(422, "invalid_errand",
                    "No grid with code '" + n.gridCode() + "'.").says("errands.no_grid", Map.of("grid", n.gridCode())));
        }
        Instant now = clock.instant();
        Long holderStaff = by == null ? null : ErrandSql.staffOfUser(c, by.id()).stream()
                .filter(s -> s.gridId() == gridId).map(Errands.StaffCard::id).findFirst().orElse(null);
        long id = ErrandSql.insertErrand(c, n, number, gridId, facilityId, now, by == null ? null : by.id(),
                holderStaff, policy.plusDays(now, policy.daysAt("filed", item.processingDays())),
                policy.resultDue("filed", now, item.processingDays()));
        Map<String, Object> filed = new java.util.LinkedHashMap<>(Map.of("channel", n.channel(), "item", n.itemCode(),
                "grid", gridId, "urgent", n.urgent()));
        if (caseId != null) filed.put("case", caseId);
        ErrandSql.appendHistory(c, id, now, by == null ? null : by.id(), "filed", json(filed));
        return ErrandSql.errand(c, number, false).orElseThrow();
    }

    /** The holder (or the grid leader above, or an admin) hands the errand to a named receiver. */
    public Errands.Handoff handOff(String number, Errands.HandoffRequest r, User by) throws SQLException {
        return Sql.inTransaction(db, c -> {
            Errands.Errand e = locked(c, number);
            if (!mayAct(c, e, by)) {
                throw ApiException.forbidden("Only the holder of errand " + number + ", its grid leader or an admin may hand it on.")
                        .says("errands.may_not_hand_on", Map.of("number", number));
            }
            if (e.finished() || e.stage().equals("result_ready")) {
                throw new ApiException(422, "invalid_handoff", "Errand " + number + " is at '" + e.stage()
                        + "': hand-offs carry it up to the department only.")
                        .says("errands.handoff_stage", Map.of("number", number, "stage", e.stage()));
            }
            Optional<Errands.Handoff> open = ErrandSql.handoffs(c, e.id()).stream().filter(Errands.Handoff::inTransit).findFirst();
            if (open.isPresent()) {
                throw new ApiException(409, "in_transit", "Errand " + number + " is already in transit (hand-off "
                        + open.get().id() + "); it must be confirmed first.")
                        .says("errands.in_transit", Map.of("number", number, "handoff", open.get().id()));
            }
            Long toStaff = r.toStaffId();
            long toUser;
            if (r.toPositionId() != null) {
                Positions.Position p = PositionService.receiver(c, e, r.toStage(), r.toPositionId());
                toUser = p.accountId();
                toStaff = p.staffId();
            } else if (toStaff != null) {
                Long staffId = toStaff;
                Errands.StaffCard s = ErrandSql.staff(c, staffId).orElseThrow(() -> new ApiException(422, "invalid_handoff",
                        "No staff entry " + staffId + ".").says("errands.no_staff", Map.of("staff", staffId)));
                if (s.userId() == null) {
                    throw new ApiException(422, "invalid_handoff", "Staff entry " + toStaff + " (" + s.name()
                            + ") has no account, so nobody could confirm receipt; link an account first.")
                            .says("errands.staff_without_account", Map.of("staff", toStaff, "name", s.name()));
                }
                if (r.toStage().equals("grid") && s.gridId() != e.gridId()) {
                    // sideways is not upwards: the grid level of an errand is its own grid's staff
                    throw new ApiException(422, "invalid_handoff", "Staff entry " + toStaff + " serves another grid than "
                            + "errand " + number + " (" + e.gridCode() + ").")
                            .says("errands.staff_other_grid", Map.of("staff", toStaff, "number", number, "grid", e.gridCode()));
                }
                toUser = s.userId();
            } else {
                toUser = ErrandSql.userId(c, r.toUsername()).orElseThrow(() -> new ApiException(422, "invalid_handoff",
                        "No active account '" + r.toUsername() + "'.").says("errands.no_account", Map.of("user", r.toUsername())));
            }
            Instant now = clock.instant();
            Instant receiverDue = policy.plusDays(now, policy.daysAt(r.toStage(), e.processingDays()));
            long id = ErrandSql.insertHandoff(c, e.id(), e.stage(), r.toStage(), by.id(), toUser, toStaff, now,
                    e.stageDueAt(), receiverDue, r.skipReason());
            Errands.Handoff h = ErrandSql.handoff(c, e.id(), id).orElseThrow();
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("handoff", id);
            detail.put("from", e.stage());
            detail.put("to", r.toStage());
            detail.put("toUser", toUser);
            detail.put("late", h.late());
            if (r.skipReason() != null) detail.put("skipReason", r.skipReason());
            ErrandSql.appendHistory(c, e.id(), now, by.id(), "handed_off", json(detail));
            return h;
        });
    }

    /** The named receiver (or their grid leader, or an admin) confirms receipt; of two confirmations one wins. */
    public Errands.Handoff confirm(String number, long handoffId, User by) throws SQLException {
        return Sql.inTransaction(db, c -> {
            Errands.Errand e = locked(c, number);   // the errand's row lock orders racing confirmations
            Errands.Handoff h = ErrandSql.handoff(c, e.id(), handoffId).orElseThrow(() ->
                    ApiException.notFound("Errand " + number + " has no hand-off " + handoffId + ".")
                            .says("errands.handoff_not_found", Map.of("number", number, "handoff", handoffId)));
            if (!mayConfirm(c, e, h, by)) {
                throw ApiException.forbidden("Only the named receiver of hand-off " + handoffId
                        + " or their supervisor may confirm it.").says("errands.may_not_confirm", Map.of("handoff", handoffId));
            }
            Instant now = clock.instant();
            if (ErrandSql.confirm(c, h.id(), by.id(), now) == 0) {
                throw new ApiException(409, "already_confirmed", "Hand-off " + handoffId + " was already confirmed.")
                        .says("errands.already_confirmed", Map.of("handoff", handoffId));
            }
            ErrandSql.move(c, e.id(), h.toStage(), h.toUserId(), h.toStaffId(), now, h.receiverDueAt());
            ErrandSql.appendHistory(c, e.id(), now, by.id(), "confirmed", json(Map.of("handoff", h.id(),
                    "stage", h.toStage(), "late", now.isAfter(h.receiverDueAt()))));
            return ErrandSql.handoff(c, e.id(), h.id()).orElseThrow();
        });
    }

    /** The department's result is ready, it went back to the resident, or the resident rated it and it closed. */
    public Errands.View advance(String number, String stage, Integer rating, String comment, User by) throws SQLException {
        return Sql.inTransaction(db, c -> {
            Errands.Errand e = locked(c, number);
            if (!mayAct(c, e, by)) {
                throw ApiException.forbidden("Only the holder of errand " + number + ", its grid leader or an admin may move it on.")
                        .says("errands.may_not_move", Map.of("number", number));
            }
            Instant now = clock.instant();
            if (stage.equals("closed")) {
                ErrandSql.close(c, e.id(), rating, comment, now);
            } else {
                ErrandSql.move(c, e.id(), stage, e.holderUserId(), e.holderStaffId(), now, null);
            }
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("from", e.stage());
            detail.put("to", stage);
            if (rating != null) detail.put("rating", rating);
            ErrandSql.appendHistory(c, e.id(), now, by.id(), stage.equals("closed") ? "closed" : "stage", json(detail));
            Errands.Errand after = ErrandSql.errand(c, number, false).orElseThrow();
            List<Errands.Handoff> hs = ErrandSql.handoffs(c, e.id());
            return new Errands.View(after, hs, holderCard(c, after), overdue(after, hs, now), false);
        });
    }

    /** The errand as {@code by} may see it; a view with the resident is logged in the same transaction. */
    public Errands.View view(String number, User by) throws SQLException {
        return view(number, by, "errand view");
    }

    /** The errand with its resident for the printed four-part form; the print is a read and is logged as one. */
    public Errands.View form(String number, User by) throws SQLException {
        return view(number, by, "four-part form");
    }

    private Errands.View view(String number, User by, String purpose) throws SQLException {
        return Sql.inTransaction(db, c -> {
            Errands.Errand e = ErrandSql.errand(c, number, false).orElseThrow(() -> notFound(number));
            if (!maySeePersonal(c, e, by)) {
                throw ApiException.forbidden("Errand " + number + " is readable only by those who hold, held or supervise it.")
                        .says("errands.personal_forbidden", Map.of("number", number));
            }
            Instant now = clock.instant();
            ErrandSql.logPersonalRead(c, by.id(), e.id(), now, purpose);
            List<Errands.Handoff> hs = ErrandSql.handoffs(c, e.id());
            return new Errands.View(e, hs, holderCard(c, e), overdue(e, hs, now), true);
        });
    }

    public List<Errands.View> mine(User by) throws SQLException {
        return Sql.read(db, c -> {
            Instant now = clock.instant();
            List<Errands.View> out = new java.util.ArrayList<>();
            for (Errands.Errand e : ErrandSql.mine(c, by.id(), 500)) {
                List<Errands.Handoff> hs = ErrandSql.handoffs(c, e.id());
                out.add(new Errands.View(e, hs, null, overdue(e, hs, now), false));
            }
            return out;
        });
    }

    /**
     * The public lookup: the errand only when the number exists and the phone's last four digits match. A hit, a
     * wrong phone and an unknown number do the same work — one errand (a stand-in for an unknown number), its
     * hand-offs and its holder's card are read and the digits compared in constant time in every case — so the time
     * of an answer does not tell them apart.
     */
    public Optional<Errands.View> lookup(String number, String last4) throws SQLException {
        return Sql.read(db, c -> {
            Optional<Errands.Errand> read = ErrandSql.errandOrStandIn(c, number);
            if (read.isEmpty()) return Optional.empty();   // no errand at all: nothing to tell apart
            Errands.Errand e = read.get();
            boolean known = MessageDigest.isEqual(e.number().getBytes(StandardCharsets.UTF_8),
                    number.getBytes(StandardCharsets.UTF_8));
            String phone = e.resident().phone();
            String actual = phone.substring(Math.max(0, phone.length() - 4));
            boolean match = MessageDigest.isEqual(actual.getBytes(StandardCharsets.UTF_8),
                    last4.getBytes(StandardCharsets.UTF_8));
            List<Errands.Handoff> hs = ErrandSql.handoffs(c, e.id());
            Errands.StaffCard holder = holderCard(c, e);
            boolean overdue = overdue(e, hs, clock.instant());
            if (!(known & match)) return Optional.empty();
            return Optional.of(new Errands.View(e, hs, holder, overdue, false));
        });
    }

    /** Recomputes every entry's hash and checks each links to the one before; names the first that does not. */
    public Errands.ChainCheck verifyHistory(String number) throws SQLException {
        return Sql.read(db, c -> {
            Errands.Errand e = ErrandSql.errand(c, number, false).orElseThrow(() -> notFound(number));
            List<Errands.HistoryEntry> entries = ErrandSql.history(c, e.id());
            String previous = "";
            int expectedSeq = 1;
            for (Errands.HistoryEntry h : entries) {
                String reason = null;
                if (h.seq() != expectedSeq) reason = "entry " + expectedSeq + " is missing";
                else if (!h.prevHash().equals(previous)) reason = "does not link to the entry before it";
                else if (!h.hash().equals(h.recomputed())) reason = "its content no longer matches its hash";
                if (reason != null) return new Errands.ChainCheck(false, entries.size(), h.id(), h.seq(), reason);
                previous = h.hash();
                expectedSeq++;
            }
            return new Errands.ChainCheck(true, entries.size(), null, null, null);
        });
    }

    public List<Errands.PublicRequest> publicRequests(List<String> numbers, String serviceCode, Instant start,
                                                      Instant end, Boolean closed, int limit) throws SQLException {
        return Sql.read(db, c -> ErrandSql.publicRequests(c, numbers, serviceCode, start, end, closed, limit));
    }

    /** The rings' figures for hand-offs sent in [from, to), per village, and per grid when a village is named. */
    public Errands.Stats stats(Instant from, Instant to, String village) throws SQLException {
        return Sql.read(db, c -> {
            if (village != null) requireVillage(c, village);
            return new Errands.Stats(from, to, village, village == null ? ErrandStatsSql.villageRows(c, from, to)
                    : ErrandStatsSql.gridRows(c, from, to, village));
        });
    }

    /** What is overdue below a village station now, most overdue first. */
    public List<Errands.OverdueRow> overdue(String village, int limit) throws SQLException {
        return Sql.read(db, c -> {
            requireVillage(c, village);
            return ErrandStatsSql.overdue(c, village, clock.instant(), limit);
        });
    }

    static void requireVillage(Connection c, String village) throws SQLException {
        if (ErrandStatsSql.villageName(c, village).isEmpty()) {
            throw ApiException.notFound("No village '" + village + "'.").says("errands.no_village", Map.of("village", village));
        }
    }

    public Optional<String> username(Long userId) throws SQLException {
        if (userId == null) return Optional.empty();
        return Sql.read(db, c -> ErrandSql.username(c, userId));
    }

    /** Overdue: the receiver of a hand-off in transit is past its deadline, or the holder is past theirs. */
    static boolean overdue(Errands.Errand e, List<Errands.Handoff> hs, Instant now) {
        if (e.finished()) return false;
        for (Errands.Handoff h : hs) if (h.inTransit()) return now.isAfter(h.receiverDueAt());
        return e.stageDueAt() != null && now.isAfter(e.stageDueAt());
    }

    private Errands.StaffCard holderCard(Connection c, Errands.Errand e) throws SQLException {
        if (e.holderStaffId() != null) return ErrandSql.staff(c, e.holderStaffId()).orElse(null);
        if (e.holderUserId() == null) return null;
        return ErrandSql.staffOfUser(c, e.holderUserId()).stream().findFirst().orElse(null);
    }

    private static boolean mayAct(Connection c, Errands.Errand e, User u) throws SQLException {
        return u.role() == Role.ADMIN || (e.holderUserId() != null && e.holderUserId() == u.id())
                || ErrandSql.leadsGrid(c, u.id(), e.gridId()) || PositionService.supervisesStage(c, e, u);
    }

    /**
     * The receiver, or their supervisor: the grid leader of the receiver's grid, a head who supervises the errand at
     * the receiving level or above (see {@link PositionService}), or an admin.
     */
    private static boolean mayConfirm(Connection c, Errands.Errand e, Errands.Handoff h, User u) throws SQLException {
        if (u.role() == Role.ADMIN || h.toUserId() == u.id()) return true;
        if (PositionService.supervisesReceiver(c, e, h.toStage(), u)) return true;
        if (h.toStaffId() == null) return false;
        Optional<Errands.StaffCard> receiver = ErrandSql.staff(c, h.toStaffId());
        return receiver.isPresent() && ErrandSql.leadsGrid(c, u.id(), receiver.get().gridId());
    }

    /** Holders, previous holders and everyone who supervises the errand up the chain. */
    static boolean maySeePersonal(Connection c, Errands.Errand e, User u) throws SQLException {
        return u.role() == Role.ADMIN || ErrandSql.involved(c, e.id(), u.id()) || ErrandSql.leadsGrid(c, u.id(), e.gridId())
                || PositionService.supervision(c, e, u) > 0;
    }

    private static Errands.Errand locked(Connection c, String number) throws SQLException {
        return ErrandSql.errand(c, number, true).orElseThrow(() -> notFound(number));
    }

    static ApiException notFound(String number) {
        return ApiException.notFound("No errand '" + number + "'.").says("errands.not_found", Map.of("number", number));
    }

    /** E + the filing day + 10 base32 characters from a SecureRandom: 2^50 numbers a day to guess from. */
    String newNumber() {
        StringBuilder b = new StringBuilder("E").append(DAY.format(clock.instant().atZone(policy.zone())));
        for (int i = 0; i < 10; i++) b.append(BASE32[random.nextInt(32)]);
        return b.toString();
    }

    private static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
