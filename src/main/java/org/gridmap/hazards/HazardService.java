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
import org.gridmap.db.Sql;
import org.gridmap.http.ApiException;
import org.gridmap.http.Conflicts;
import org.gridmap.http.Lang;
import org.gridmap.rings.RingEngine;
import org.gridmap.rings.RingNetwork;
import org.gridmap.rings.RoadClosures;
import org.locationtech.jts.geom.Envelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reading and changing hazards: one transaction per write (validation, optimistic locking, the lifecycle, the
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

    private static long idOf(Connection c, String ref) throws SQLException {
        return HazardSql.resolve(c, ref).orElseThrow(() ->
                ApiException.notFound("No hazard '" + ref + "'.").says("hazards.not_found", Map.of("ref", ref)));
    }

    Map<String, Object> get(String ref) throws SQLException {
        return Sql.read(db, c -> HazardSql.json(c, idOf(c, ref)).orElseThrow());
    }

    Map<String, Object> list(HazardSql.Filter filter) throws SQLException {
        return Sql.read(db, c -> HazardSql.list(c, filter));
    }

    /** The grids the user serves in, and the hazards whose threat zone reaches one of them. */
    Map<String, Object> servedBy(User user, HazardSql.Filter filter) throws SQLException {
        return Sql.read(db, c -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("user", Map.of("id", user.id(), "username", user.username()));
            out.put("grids", HazardSql.gridsServedBy(c, user.id()));
            out.putAll(HazardSql.list(c, filter));
            return out;
        });
    }

    Map<String, Object> history(String ref) throws SQLException {
        return Sql.read(db, c -> {
            long id = idOf(c, ref);
            return Map.of("hazard", id, "versions", HazardSql.history(c, id));
        });
    }

    Map<String, Object> inspections(String ref) throws SQLException {
        return Sql.read(db, c -> {
            long id = idOf(c, ref);
            return Map.of("hazard", id, "inspections", HazardSql.inspections(c, id, null));
        });
    }

    /** What a saved hazard threatens, and the roads it closes now. */
    Map<String, Object> impact(String ref, int householdLimit) throws SQLException {
        return Sql.read(db, c -> {
            HazardSql.Zone z = HazardSql.zone(c, idOf(c, ref)).orElseThrow();
            Map<String, Object> hazard = HazardSql.json(c, z.id()).orElseThrow();
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("hazard", Map.of("id", z.id(), "code", hazard.get("code"), "name", hazard.get("name"),
                    "status", z.status(), "type", hazard.get("type")));
            out.putAll(ThreatSql.analyse(c, z.geometry(), z.radius(), z.grade(), householdLimit));
            out.put("closesRoads", z.blocksRoads() && HazardVocabulary.isOpen(z.status()));
            out.put("closedRoadIds", HazardSql.closedRoadsOf(c, z.id()));
            return out;
        });
    }

    /** The impact of a hazard not yet saved; nothing is written. */
    Map<String, Object> preview(HazardInput in, int householdLimit) throws SQLException {
        return Sql.read(db, c -> {
            if (HazardSql.townHolding(c, in.geometry).isEmpty()) throw outsideTown(in);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("dryRun", true);
            out.putAll(ThreatSql.analyse(c, in.geometry, in.radius, in.grade, householdLimit));
            String status = in.status == null ? HazardVocabulary.FIRST_STATUS : in.status;
            out.put("closesRoads", in.blocksRoads != null && in.blocksRoads && HazardVocabulary.isOpen(status));
            return out;
        });
    }

    public Map<String, Object> create(HazardInput in, User user) throws SQLException {
        writes.lock();
        try {
            RingNetwork before = rings.network();
            long id = Sql.inTransaction(db, c -> {
                HazardSql.Town town = HazardSql.townHolding(c, in.geometry).orElseThrow(() -> outsideTown(in));
                String code = HazardSql.nextCode(c, town);
                HazardSql.actAs(c, user, "create");
                return HazardSql.insert(c, code, in);
            });
            return afterWrite(id, before, in.geometry.getEnvelopeInternal());
        } finally {
            writes.unlock();
        }
    }

    /** A hazard a visit found: where, what, and a first threat radius; it enters the monitor's queue as reported. */
    public record Found(String name, String type, double radiusM, double lon, double lat, String description) { }

    /** The case a found hazard belongs to, and the hazard it already has (null: none yet). */
    public record Finder(long caseId, Long hazardId) { }

    /** Work in the pinning transaction: find (or make) the case under its row lock, then record the link on it. */
    public interface CaseLink {
        Finder caseOf(java.sql.Connection c) throws SQLException;
        void link(java.sql.Connection c, long caseId, long hazardId) throws SQLException;
    }

    /**
     * Pins a found hazard in one transaction with its case, so both links are written together or not at all. The
     * case is read first under its lock: if it already has a hazard (a retried or doubled request), that one is
     * answered and nothing is pinned. Returns the hazard's id.
     */
    public long pinFound(Found f, User user, CaseLink caseLink) throws SQLException {
        HazardInput in = HazardInput.found(f);
        writes.lock();
        try {
            RingNetwork before = rings.network();
            boolean[] made = {false};
            long id = Sql.inTransaction(db, c -> {
                Finder owner = caseLink.caseOf(c);
                if (owner.hazardId() != null) return owner.hazardId();
                HazardSql.Town town = HazardSql.townHolding(c, in.geometry).orElseThrow(() -> outsideTown(in));
                String code = HazardSql.nextCode(c, town);
                HazardSql.actAs(c, user, "create");
                long hid = HazardSql.insert(c, code, in, owner.caseId());
                caseLink.link(c, owner.caseId(), hid);
                made[0] = true;
                return hid;
            });
            if (made[0]) afterWrite(id, before, in.geometry.getEnvelopeInternal());
            return id;
        } finally {
            writes.unlock();
        }
    }

    public Map<String, Object> update(String ref, HazardInput in, User user, Lang lang) throws SQLException {
        writes.lock();
        try {
            RingNetwork before = rings.network();
            Envelope[] touched = new Envelope[1];
            long id = Sql.inTransaction(db, c -> {
                long hid = idOf(c, ref);
                HazardSql.Row row = HazardSql.lockRow(c, hid).orElseThrow();
                checkVersion(c, row, in.version);
                if (in.has("status")) checkTransition(row, in.status, lang);
                if (in.has("geometry") && HazardSql.townHolding(c, in.geometry).isEmpty()) throw outsideTown(in);
                HazardSql.actAs(c, user, "update");
                HazardSql.update(c, hid, in);
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
                                       Integer version, User user, Lang lang) throws SQLException {
        writes.lock();
        try {
            RingNetwork before = rings.network();
            Envelope[] touched = new Envelope[1];
            long[] ids = new long[2];
            Sql.inTransaction(db, c -> {
                long hid = idOf(c, ref);
                HazardSql.Row row = HazardSql.lockRow(c, hid).orElseThrow();
                if (version != null) checkVersion(c, row, version);
                String after = null;
                if (newStatus != null && !newStatus.equals(row.status())) {
                    checkTransition(row, newStatus, lang);
                    HazardSql.actAs(c, user, "inspection");
                    HazardSql.update(c, hid, HazardInput.statusChange(newStatus));
                    after = newStatus;
                }
                ids[0] = hid;
                ids[1] = HazardSql.insertInspection(c, hid, user, when, observation, row.status(), after);
                touched[0] = row.bounds();
                return null;
            });
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("inspection", Sql.read(db, c -> HazardSql.inspections(c, ids[0], ids[1]).get(0)));
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
        boolean applied = true;
        try {
            // not behind a reload of the whole city (a minute at 1,000 towns, after every failover): then the
            // engine applies the closures when it is done, and the answer says the routing effect is pending
            applied = rings.reapplyClosuresUnlessBusy() != null;
        } catch (SQLException | RuntimeException e) {
            // the change is committed; the change feed will apply the closures when it can
            log.warn("could not apply the road closures after hazard {}: {}", id, e.toString());
        }
        if (!applied) {
            return Sql.read(db, c -> {
                Map<String, Object> hazard = HazardSql.json(c, id).orElseThrow();
                hazard.put("routing", Map.of("pending", true));
                return hazard;
            });
        }
        RingNetwork after = rings.network();
        // from the two networks, not from this call's own update: the change feed's worker may have applied this
        // very change first (its notification can beat us to the engine), leaving this call nothing to change
        RoadClosures.Update update = RoadClosures.Update.between(before, after);
        return Sql.read(db, c -> {
            Map<String, Object> hazard = HazardSql.json(c, id).orElseThrow();
            hazard.put("routing", RoutingEffect.between(before, after, update, HazardSql.closedRoadsOf(c, id)));
            return hazard;
        });
    }

    /** A stale version is the one conflict answer of every capability; {@code current} lets the map show what won. */
    private static void checkVersion(Connection c, HazardSql.Row row, Integer version) throws SQLException {
        if (version != null && version != row.version()) {
            ApiException stale = Conflicts.staleVersions(List.of(
                    new Conflicts.Stale("hazard", row.id(), row.code(), row.version(), (long) version)));
            Map<String, Object> details = new LinkedHashMap<>(stale.details());
            details.put("current", HazardSql.json(c, row.id()).orElse(null));
            throw new ApiException(stale.status(), stale.code(), stale.getMessage(), details).says(stale.key(), stale.args());
        }
    }

    /** A refused lifecycle step names the allowed next statuses in the reader's language. */
    private static void checkTransition(HazardSql.Row row, String to, Lang lang) {
        if (to.equals(row.status())) return;
        List<String> next = HazardVocabulary.nextStatuses(row.status());
        if (next.contains(to)) return;
        Map<String, Object> details = Map.of("status", row.status(), "allowedNextStatuses", next);
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("code", row.code());
        args.put("from", HazardVocabulary.statusName(row.status(), lang));
        args.put("to", HazardVocabulary.statusName(to, lang));
        if (next.isEmpty()) {
            throw new ApiException(422, "invalid_transition", "Hazard " + row.code() + " cannot go from " + row.status()
                    + " to " + to + "; allowed next: none: " + row.status() + " is final.", details)
                    .says("hazards.status_final", args);
        }
        args.put("allowed", String.join(lang == Lang.EN ? ", " : "、",
                next.stream().map(s -> HazardVocabulary.statusName(s, lang)).toList()));
        throw new ApiException(422, "invalid_transition", "Hazard " + row.code() + " cannot go from " + row.status()
                + " to " + to + "; allowed next: " + String.join(", ", next) + ".", details)
                .says("hazards.invalid_transition", args);
    }

    private static ApiException outsideTown(HazardInput in) {
        var p = in.geometry.getInteriorPoint().getCoordinate();
        String at = Math.round(p.x * 1e6) / 1e6 + ", " + Math.round(p.y * 1e6) / 1e6;
        return new ApiException(422, "outside_town", "The hazard lies outside the town (at " + at
                + "): pin it inside the town's boundary, in lon, lat order.").says("hazards.outside_town", Map.of("at", at));
    }
}
