package org.gridmap.hazards;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.gridmap.accounts.User;
import org.gridmap.changes.ChangeFeed;
import org.gridmap.changes.DataChange;
import org.gridmap.http.ApiException;
import org.gridmap.rings.RingEngine;
import org.gridmap.rings.RingNetwork;
import org.gridmap.rings.RoadClosures;
import org.locationtech.jts.geom.Envelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creating and changing hazards: one transaction per write (validation, optimistic locking, the lifecycle, the
 * history written by the database), then at once — before the answer leaves — tiles dropped and the road
 * closures re-applied to the routing engine, with what that did to the rings.
 */
public final class HazardService {
    private static final Logger log = LoggerFactory.getLogger(HazardService.class);
    static final int DEFAULT_HOUSEHOLD_LIST = 2000, MAX_HOUSEHOLD_LIST = 100_000;
    private final DataSource db;
    private final RingEngine rings;
    private final ChangeFeed changes;
    /** Writes one at a time, so "before" and "after" of the rings belong to one change. */
    private final ReentrantLock writes = new ReentrantLock();

    public HazardService(DataSource db, RingEngine rings, ChangeFeed changes) {
        this.db = db;
        this.rings = rings;
        this.changes = changes;
    }

    interface Work<T> { T run(Connection c) throws SQLException; }

    <T> T read(Work<T> work) throws SQLException {
        try (Connection c = db.getConnection()) {
            return work.run(c);
        }
    }

    private <T> T transaction(Work<T> work) throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw translate(e);
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    long idOf(Connection c, String ref) throws SQLException {
        return HazardStore.resolve(c, ref).orElseThrow(() -> ApiException.notFound("No hazard '" + ref + "'."));
    }

    Map<String, Object> get(String ref) throws SQLException {
        return read(c -> HazardStore.json(c, idOf(c, ref)).orElseThrow());
    }

    public Map<String, Object> create(HazardInput in, User user) throws SQLException {
        writes.lock();
        try {
            RingNetwork before = rings.network();
            long id = transaction(c -> {
                HazardStore.Town town = HazardStore.townHolding(c, in.geometry).orElseThrow(() -> outsideTown(in));
                String code = HazardStore.nextCode(c, town);
                HazardStore.actAs(c, user, "create");
                return HazardStore.insert(c, code, in);
            });
            return afterWrite(id, before, in.geometry.getEnvelopeInternal());
        } finally {
            writes.unlock();
        }
    }

    public Map<String, Object> update(String ref, HazardInput in, User user) throws SQLException {
        writes.lock();
        try {
            RingNetwork before = rings.network();
            Envelope[] touched = new Envelope[1];
            long id = transaction(c -> {
                long hid = idOf(c, ref);
                HazardStore.Row row = HazardStore.lockRow(c, hid).orElseThrow();
                checkVersion(c, row, in.version);
                if (in.has("status")) checkTransition(row, in.status);
                if (in.has("geometry") && HazardStore.townHolding(c, in.geometry).isEmpty()) throw outsideTown(in);
                HazardStore.actAs(c, user, "update");
                HazardStore.update(c, hid, in);
                touched[0] = new Envelope(row.bounds());
                if (in.geometry != null) touched[0].expandToInclude(in.geometry.getEnvelopeInternal());
                return hid;
            });
            return afterWrite(id, before, touched[0]);
        } finally {
            writes.unlock();
        }
    }

    /** Records an inspection; a status it names is applied through the lifecycle, in the same transaction. */
    public Map<String, Object> inspect(String ref, String observation, String newStatus, OffsetDateTime when,
                                       Integer version, User user) throws SQLException {
        writes.lock();
        try {
            RingNetwork before = rings.network();
            Envelope[] touched = new Envelope[1];
            long[] ids = new long[2];
            transaction(c -> {
                long hid = idOf(c, ref);
                HazardStore.Row row = HazardStore.lockRow(c, hid).orElseThrow();
                if (version != null) checkVersion(c, row, version);
                String after = null;
                if (newStatus != null && !newStatus.equals(row.status())) {
                    checkTransition(row, newStatus);
                    HazardStore.actAs(c, user, "inspection");
                    HazardStore.update(c, hid, HazardInput.statusChange(newStatus));
                    after = newStatus;
                }
                ids[0] = hid;
                ids[1] = HazardStore.insertInspection(c, hid, user, when, observation, row.status(), after);
                touched[0] = row.bounds();
                return null;
            });
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("inspection", read(c -> HazardStore.inspections(c, ids[0], ids[1]).get(0)));
            Map<String, Object> hazard = afterWrite(ids[0], before, touched[0]);
            out.put("routing", hazard.remove("routing"));
            out.put("hazard", hazard);
            return out;
        } finally {
            writes.unlock();
        }
    }

    /** After the commit: tiles dropped, closures re-applied, the answer with what it did to the rings. */
    private Map<String, Object> afterWrite(long id, RingNetwork before, Envelope touched) throws SQLException {
        changes.publish(new DataChange("hazards", "UPDATE", touched));
        try {
            rings.reapplyClosures();
        } catch (SQLException | RuntimeException e) {
            // the change is committed; the change feed will apply the closures when it can
            log.warn("could not apply the road closures after hazard {}: {}", id, e.toString());
        }
        RingNetwork after = rings.network();
        // from the two networks, not from this call's own update: the change feed's worker may have applied this
        // very change first (its notification can beat us to the engine), leaving this call nothing to change
        RoadClosures.Update update = RoadClosures.Update.between(before, after);
        Map<String, Object> hazard = read(c -> HazardStore.json(c, id).orElseThrow());
        List<Long> mine = read(c -> HazardStore.closedRoadsOf(c, id));
        hazard.put("routing", RoutingEffect.between(before, after, update, mine));
        return hazard;
    }

    private static void checkVersion(Connection c, HazardStore.Row row, Integer version) throws SQLException {
        if (version != null && version != row.version()) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("currentVersion", row.version());
            details.put("current", HazardStore.json(c, row.id()).orElse(null));
            throw new ApiException(409, "version_conflict", "Hazard " + row.code() + " was changed meanwhile: you edited "
                    + "version " + version + ", it is now at version " + row.version() + ". Reload it and apply your change again.",
                    details);
        }
    }

    private static void checkTransition(HazardStore.Row row, String to) {
        if (to.equals(row.status())) return;
        List<String> next = HazardVocabulary.nextStatuses(row.status());
        if (!next.contains(to)) {
            String allowed = next.isEmpty() ? "none: " + row.status() + " is final"
                    : String.join(", ", next);
            throw new ApiException(422, "invalid_transition", "Hazard " + row.code() + " cannot go from " + row.status()
                    + " to " + to + "; allowed next: " + allowed + ".",
                    Map.of("status", row.status(), "allowedNextStatuses", next));
        }
    }

    private static ApiException outsideTown(HazardInput in) {
        var p = in.geometry.getInteriorPoint().getCoordinate();
        return new ApiException(422, "outside_town", "The hazard lies outside the town (at "
                + Math.round(p.x * 1e6) / 1e6 + ", " + Math.round(p.y * 1e6) / 1e6
                + "): pin it inside the town's boundary, in lon, lat order.");
    }

    /** Database refusals a person can act on become 4xx; anything else stays an internal error. */
    static RuntimeException translate(Exception e) {
        if (e instanceof RuntimeException r) return r;
        SQLException s = (SQLException) e;
        String state = s.getSQLState() == null ? "" : s.getSQLState();
        String message = s.getMessage() == null ? "" : s.getMessage().replaceFirst("^ERROR: ", "").split("\n")[0];
        return switch (state) {
            case "23514" -> new ApiException(422, "refused", "The database refused the change: " + message);
            case "23505" -> ApiException.conflict("The change conflicts with existing data: " + message);
            case "23503" -> new ApiException(422, "refused", "The change refers to something that does not exist: " + message);
            case "40001", "40P01" -> ApiException.conflict("Another change got in the way; try again.");
            default -> new IllegalStateException("database failure", s);
        };
    }
}
