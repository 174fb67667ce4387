package org.gridmap.networks;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.gridmap.accounts.Role;
import org.gridmap.accounts.User;
import org.gridmap.changes.DataChange;
import org.gridmap.db.Sql;
import org.gridmap.http.ApiException;
import org.gridmap.http.Conflicts;
import org.gridmap.http.Messages;

/**
 * Reads and writes of the networks, each write one transaction. Staff write only at the service points and in
 * the grids their account is linked to (a staff entry of that grid); admins everywhere. Volunteers' phones and full
 * names are read only by those who may write them.
 */
public final class NetworksService {
    private final DataSource db;
    /** Moves on with every change to the volunteers, ours or anyone's (the change feed): the search reloads then. */
    private final AtomicLong volunteersGeneration = new AtomicLong();

    public NetworksService(DataSource db) { this.db = db; }

    long volunteersGeneration() { return volunteersGeneration.get(); }

    /** From the change feed: volunteers edited elsewhere (psql, the importer) are searched as they are now. */
    public void onChange(DataChange change) {
        if (change.table().equals("volunteers") || change.isEverything()) volunteersGeneration.incrementAndGet();
    }

    List<Networks.Volunteer> searchable() throws SQLException { return Sql.read(db, NetworksSql::searchable); }

    /** 404 for an unknown village or grid code, so a typo is not read as "none there". */
    void requireArea(Networks.Area a) throws SQLException {
        Sql.read(db, c -> {
            if (a.village() != null && !NetworksSql.villageExists(c, a.village())) {
                throw ApiException.notFound("No village '" + a.village() + "'.").says("networks.no_village", Map.of("village", a.village()));
            }
            if (a.grid() != null && !NetworksSql.gridExists(c, a.grid())) {
                throw ApiException.notFound("No grid '" + a.grid() + "'.").says("networks.no_grid", Map.of("grid", a.grid()));
            }
            return null;
        });
    }

    // ---- party-member posts

    List<Networks.PartyPost> posts(Networks.Area a) throws SQLException { return Sql.read(db, c -> NetworksSql.posts(c, a)); }

    Networks.PartyPost createPost(Networks.NewPartyPost p, User by) throws SQLException {
        return Sql.inTransaction(db, c -> {
            mayWriteAt(c, point(c, p.facilityId()), by);
            return NetworksSql.post(c, NetworksSql.insertPost(c, p)).orElseThrow();
        });
    }

    void deletePost(long id, User by) throws SQLException {
        Sql.inTransaction(db, c -> {
            Networks.PartyPost p = NetworksSql.post(c, id).orElseThrow(() -> notFound("post", id));
            mayWriteAt(c, p.point(), by);
            return NetworksSql.deletePost(c, id);
        });
    }

    // ---- volunteers

    List<Networks.Volunteer> volunteers(Networks.Area a, String skill) throws SQLException {
        return Sql.read(db, c -> NetworksSql.volunteers(c, a, skill));
    }

    /** One volunteer with the personal fields, for those who may write them. */
    /** A volunteer's whole entry (phone, full name) for the point's grid staff and admins; the read is logged. */
    Networks.Volunteer volunteer(long id, User by) throws SQLException {
        return Sql.inTransaction(db, c -> {
            Networks.Volunteer v = NetworksSql.volunteer(c, id, false).orElseThrow(() -> notFound("volunteer", id));
            mayWriteAt(c, v.point(), by);
            NetworksSql.logRead(c, by.id(), id, "volunteer entry");
            return v;
        });
    }

    Networks.Volunteer createVolunteer(Networks.VolunteerInput v, User by) throws SQLException {
        Networks.Volunteer out = Sql.inTransaction(db, c -> {
            mayWriteAt(c, point(c, v.facilityId()), by);
            return NetworksSql.volunteer(c, NetworksSql.insertVolunteer(c, v), false).orElseThrow();
        });
        volunteersGeneration.incrementAndGet();
        return out;
    }

    /** Replaces the volunteer if still at {@code version} (409 {@code version_conflict} otherwise). */
    Networks.Volunteer updateVolunteer(long id, long version, Networks.VolunteerInput v, User by) throws SQLException {
        Networks.Volunteer out = Sql.inTransaction(db, c -> {
            Networks.Volunteer now = NetworksSql.volunteer(c, id, true).orElseThrow(() -> notFound("volunteer", id));
            mayWriteAt(c, now.point(), by);
            // moving a volunteer to another service point needs the right to write there too
            if (v.facilityId() != now.point().id()) mayWriteAt(c, point(c, v.facilityId()), by);
            if (!NetworksSql.updateVolunteer(c, id, version, v)) {
                throw Conflicts.staleVersions(List.of(new Conflicts.Stale("volunteer", id, Long.toString(id), now.version(), version)));
            }
            return NetworksSql.volunteer(c, id, false).orElseThrow();
        });
        volunteersGeneration.incrementAndGet();
        return out;
    }

    void deleteVolunteer(long id, User by) throws SQLException {
        Sql.inTransaction(db, c -> {
            Networks.Volunteer v = NetworksSql.volunteer(c, id, true).orElseThrow(() -> notFound("volunteer", id));
            mayWriteAt(c, v.point(), by);
            return NetworksSql.deleteVolunteer(c, id);
        });
        volunteersGeneration.incrementAndGet();
    }

    // ---- firms

    List<Networks.Firm> firms(Networks.Area a, String kind) throws SQLException {
        return Sql.read(db, c -> NetworksSql.firms(c, a, kind));
    }

    Networks.Firm firm(long id) throws SQLException {
        return Sql.read(db, c -> NetworksSql.firm(c, id)).orElseThrow(() -> notFound("firm", id));
    }

    /** A firm stands in an industrial-park grid (422 otherwise) whose staff (or an admin) add it. */
    Networks.Firm createFirm(Networks.NewFirm f, User by) throws SQLException {
        return Sql.inTransaction(db, c -> {
            Networks.Point grid = NetworksSql.gridAt(c, f.lon(), f.lat()).orElseThrow(() -> new ApiException(422,
                    "not_in_a_park", "The place " + f.lon() + ", " + f.lat() + " lies in no grid.")
                    .says("networks.not_in_a_park", Map.of("grid", "-")));
            if (!"park".equals(grid.level())) {
                throw new ApiException(422, "not_in_a_park", "Grid " + grid.gridCode() + " is not an industrial-park grid; "
                        + "firms are listed in industrial-park grids.").says("networks.not_in_a_park", Map.of("grid", grid.gridCode()));
            }
            mayWriteIn(c, grid.gridId(), grid.gridCode(), by);
            return NetworksSql.firm(c, NetworksSql.insertFirm(c, f)).orElseThrow();
        });
    }

    Networks.Offer addOffer(Networks.NewOffer o, User by) throws SQLException {
        return Sql.inTransaction(db, c -> {
            mayWriteAtFirm(c, o.firmId(), by);
            return NetworksSql.offer(c, NetworksSql.insertOffer(c, o)).orElseThrow();
        });
    }

    void deleteOffer(long firmId, long offerId, User by) throws SQLException {
        Sql.inTransaction(db, c -> {
            mayWriteAtFirm(c, firmId, by);
            if (!NetworksSql.deleteOffer(c, firmId, offerId)) throw notFound("offer", offerId);
            return null;
        });
    }

    // ---- who may write where

    private static Networks.Point point(Connection c, long facilityId) throws SQLException {
        return NetworksSql.point(c, facilityId).orElseThrow(() -> new ApiException(422, "no_such_point",
                "No service facility " + facilityId + ".").says("networks.no_point", Map.of("id", facilityId)));
    }

    private static void mayWriteAt(Connection c, Networks.Point p, User by) throws SQLException {
        if (by.role() == Role.ADMIN) return;
        if (p.gridId() == null) throw notYours(p.code());   // a station or the center: the town's, admins only
        mayWriteIn(c, p.gridId(), p.gridCode(), by);
    }

    private static void mayWriteIn(Connection c, long gridId, String gridCode, User by) throws SQLException {
        if (by.role() == Role.ADMIN) return;
        if (!NetworksSql.servesGrid(c, by.id(), gridId)) throw notYours(gridCode);
    }

    private static void mayWriteAtFirm(Connection c, long firmId, User by) throws SQLException {
        Networks.Firm f = NetworksSql.firm(c, firmId).orElseThrow(() -> notFound("firm", firmId));
        if (by.role() == Role.ADMIN) return;
        if (f.gridId() == null) throw notYours("-");
        mayWriteIn(c, f.gridId(), f.gridCode(), by);
    }

    private static ApiException notYours(String where) {
        return ApiException.forbidden("Only the staff of " + where + " (or an admin) may change this.")
                .says("networks.not_yours", Map.of("where", where));
    }

    static ApiException notFound(String what, long id) {
        Messages.Both name = switch (what) {
            case "post" -> new Messages.Both("党员服务岗", "party-member post");
            case "volunteer" -> new Messages.Both("志愿者", "volunteer");
            case "firm" -> new Messages.Both("企业", "firm");
            default -> new Messages.Both("岗位或培训", "offer");
        };
        return ApiException.notFound("No " + what + " " + id + ".").says("networks.not_found", Map.of("what", name, "id", id));
    }
}
