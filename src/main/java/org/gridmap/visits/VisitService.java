package org.gridmap.visits;

import io.javalin.security.RouteRole;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.gridmap.accounts.AccessControl;
import org.gridmap.accounts.Role;
import org.gridmap.accounts.SessionStore;
import org.gridmap.accounts.User;
import org.gridmap.db.Sql;
import org.gridmap.http.ApiException;
import org.gridmap.layers.Tile;
import org.gridmap.layers.TileCoord;

/**
 * Recording visits and reading a month's completion. Staff write and read household-level data only for grids
 * their account is linked to (admins for all); every such read is logged. Times come from the injected clock.
 */
public final class VisitService {
    /** Who may read household-level visit data (admins pass every role check). */
    private static final Set<RouteRole> TILE_ROLES = Set.of(Role.STAFF);
    /** Unvisited tiles are a few hundred bytes: 8 MiB keeps some 20,000, a city's staff views of a working day. */
    private static final long UNVISITED_KEPT_BYTES = 8L << 20;
    private final DataSource db;
    private final Clock clock;
    private final UnvisitedTiles unvisitedKept = new UnvisitedTiles(UNVISITED_KEPT_BYTES);
    /** None until {@link #followAccess}: a service that hears no changes vouches for nothing. */
    private volatile UnvisitedVouchers vouchers;
    private final java.util.concurrent.atomic.LongAdder vouched = new java.util.concurrent.atomic.LongAdder();

    public VisitService(DataSource db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public Instant now() { return clock.instant(); }

    /**
     * Lets this node answer a kept unvisited tile from memory while what the database last said of its reader, grid
     * and logged view still holds, as long as {@code feed} hears every change to them ({@link UnvisitedVouchers}).
     */
    public VisitService followAccess(org.gridmap.changes.ChangeFeed feed) {
        UnvisitedVouchers v = new UnvisitedVouchers(feed::listening);
        feed.subscribeAccess(c -> {
            v.drop(c);
            if (c.kind() == org.gridmap.changes.AccessChange.Kind.GRIDS && c.ids() != null) {
                java.util.Set<Long> grids = new java.util.HashSet<>();
                for (long g : c.ids()) grids.add(g);
                unvisitedKept.dropGrids(grids);
            }
        });
        vouchers = v;
        return this;
    }

    /** The town's month of now, for requests that name none. */
    public Visits.Month thisMonth() { return Visits.Month.of(now()); }

    public Visits.Visit record(Visits.NewVisit v, User by) throws SQLException {
        long[] grid = {0};
        Visits.Visit recorded = Sql.inTransaction(db, c -> {
            Visits.Household h = VisitSql.household(c, v.householdId()).orElseThrow(() -> ApiException
                    .notFound("No household " + v.householdId() + ".").says("visits.no_household", Map.of("id", v.householdId())));
            if (h.gridId() == null) {
                throw new ApiException(422, "household_without_grid", "Household " + h.id() + " lies in no grid.")
                        .says("visits.household_without_grid", Map.of("id", h.id()));
            }
            Long staff = VisitSql.staffOf(c, by.id(), h.gridId()).orElse(null);
            if (staff == null && by.role() != Role.ADMIN && !VisitSql.atStationOf(c, by.id(), h.gridId())) {
                throw notYourGrid(h.gridCode());
            }
            grid[0] = h.gridId();
            return VisitSql.insert(c, v, h, by.id(), staff, clock.instant());
        });
        unvisitedKept.dropGrids(java.util.Set.of(grid[0]));
        UnvisitedVouchers vs = vouchers;
        if (vs != null) vs.drop(org.gridmap.changes.AccessChange.grids(grid[0]));
        return recorded;
    }

    /** Completion per grid; who visited only when {@code withVisitors} (staff and admins). */
    public Visits.Completion completion(Visits.Month m, String village, Visits.GridRef grid, boolean withVisitors)
            throws SQLException {
        Long gridId = grid == null ? null : grid.id();
        return Sql.read(db, c -> new Visits.Completion(m, VisitSql.completion(c, m.first(), village, gridId),
                withVisitors ? VisitSql.visitors(c, m.first(), village, gridId) : List.of()));
    }

    /** The grids the account serves in (its linked staff entries), with this month's completion. */
    public List<Visits.GridCompletion> mine(User by, Visits.Month m) throws SQLException {
        return Sql.read(db, c -> VisitSql.gridsOf(c, by.id(), m.first()));
    }

    /** The grid named by id or 15-digit code; 404 when there is none. */
    public Visits.GridRef grid(String ref) throws SQLException {
        return Sql.read(db, c -> (ref.length() == 15 ? VisitSql.gridByCode(c, ref) : VisitSql.grid(c, Long.parseLong(ref))))
                .orElseThrow(() -> ApiException.notFound("No grid '" + ref + "'.").says("visits.no_grid", Map.of("grid", ref)));
    }

    public void requireVillage(String code) throws SQLException {
        if (!Sql.read(db, c -> VisitSql.villageExists(c, code))) {
            throw ApiException.notFound("No village with code '" + code + "'.").says("visits.no_village", Map.of("village", code));
        }
    }

    /** Households of the grid with no counting visit this month, for its staff; the read is logged. */
    public List<Visits.Unvisited> unvisited(long gridId, Visits.Month m, User by) throws SQLException {
        return Sql.inTransaction(db, c -> {
            Visits.GridRef g = VisitSql.grid(c, gridId).orElseThrow(() -> ApiException.notFound("No grid '" + gridId + "'.")
                    .says("visits.no_grid", Map.of("grid", gridId)));
            if (by.role() != Role.ADMIN && VisitSql.staffOf(c, by.id(), g.id()).isEmpty() && !VisitSql.atStationOf(c, by.id(), g.id())) {
                throw notYourGrid(g.code());
            }
            List<Visits.Unvisited> out = VisitSql.unvisited(c, g.id(), m.from(), m.to(), m.first());
            VisitSql.logRead(c, by.id(), g.code(), m, out.size(), clock.instant(), "unvisited households");
            return out;
        });
    }

    /** Every grid in the tile with the month's completion: public, aggregated. */
    public byte[] completionTile(Visits.Month m, TileCoord t) throws SQLException {
        return Sql.read(db, c -> VisitSql.completionTile(c, t, m.first()));
    }

    /**
     * The grid's unvisited households in the tile, for the reader of the session {@code token}: staff of the grid
     * (or its village's station) or an admin. A tile this node rendered before is served again when the grid's
     * change number (V30) is still the one it was rendered at: from memory while the node may vouch that the reader,
     * the number and the view's log row are as the database last said ({@link UnvisitedVouchers}); else one small
     * statement finds the reader, checks them, reads the number and logs the read. Otherwise one statement does all
     * that and renders the tile. A session ended, or a visit recorded, on any node shows here as soon as the change
     * feed brings it. 401 without a live session, 403 for another role or grid.
     */
    public Tile unvisitedTile(String token, long gridId, Visits.Month m, TileCoord t) throws SQLException {
        byte[] hash = SessionStore.tokenHash(token);
        if (hash == null) AccessControl.require(Optional.empty(), TILE_ROLES);
        UnvisitedTiles.Key key = UnvisitedTiles.Key.of(gridId, m, t);
        UnvisitedTiles.Kept kept = unvisitedKept.get(key);
        UnvisitedVouchers vs = vouchers;
        UnvisitedVouchers.Key vouchKey = vs == null ? null : UnvisitedVouchers.Key.of(hash, gridId, m);
        Instant now = clock.instant();
        if (kept != null && vs != null) {
            UnvisitedVouchers.Vouch v = vs.get(vouchKey, now);
            if (v != null && v.revision() == kept.revision()) {
                vouched.increment();
                unvisitedKept.servedKept();
                return kept.tile();
            }
        }
        long generation = vs == null ? 0 : vs.generation();
        if (kept != null) {
            VisitSql.CheckedTile a = Sql.read(db, c -> VisitSql.unvisitedTileAgain(c, gridId, hash, m, now,
                    kept.revision(), kept.households()));
            allowedOrThrow(a, gridId);
            if (a.revision() == kept.revision()) {
                vouch(vs, generation, vouchKey, a, now);
                unvisitedKept.servedKept();
                return kept.tile();
            }
        }
        VisitSql.CheckedTile a = Sql.read(db, c -> VisitSql.unvisitedTile(c, t, gridId, hash, m, now));
        allowedOrThrow(a, gridId);
        Tile tile = Tile.of(a.tile());
        unvisitedKept.put(key, new UnvisitedTiles.Kept(a.revision(), a.households(), tile));
        vouch(vs, generation, vouchKey, a, now);
        unvisitedKept.servedRendered();
        return tile;
    }

    /** Remembers what the database just said of a reader allowed to see the grid, if the view's read is logged. */
    private static void vouch(UnvisitedVouchers vs, long generation, UnvisitedVouchers.Key k, VisitSql.CheckedTile a, Instant now) {
        if (vs == null || a.loggedAt() == null || a.reader().isEmpty()) return;
        long left = (long) Math.min(UnvisitedVouchers.MAX_AGE_NANOS, Math.max(0, a.sessionLeft()) * 1e9);
        vs.put(generation, k, new UnvisitedVouchers.Vouch(a.reader().get().id(), a.revision(), a.loggedAt(),
                a.loggedAt().plus(java.time.Duration.ofMinutes(VisitTileSql.LOG_MINUTES)), System.nanoTime() + left));
    }

    private void allowedOrThrow(VisitSql.CheckedTile a, long gridId) throws SQLException {
        AccessControl.require(a.reader(), TILE_ROLES);
        if (a.allowed()) return;
        Visits.GridRef g = Sql.read(db, c -> VisitSql.grid(c, gridId)).orElseThrow(() -> ApiException
                .notFound("No grid '" + gridId + "'.").says("visits.no_grid", Map.of("grid", gridId)));
        throw notYourGrid(g.code());
    }

    /** Unvisited tiles answered from this node's kept tiles (for {@code /metrics} and the benchmark). */
    public long unvisitedTilesKept() { return unvisitedKept.served(); }

    /** Unvisited tiles answered from memory with no database round trip (a vouched reader, number and logged view). */
    public long unvisitedTilesVouched() { return vouched.sum(); }

    /** Unvisited tiles rendered: none kept, or its grid changed since. */
    public long unvisitedTilesRendered() { return unvisitedKept.rendered(); }

    /** The same tile's SQL without the reader's check and log, for the benchmark's baseline. */
    public byte[] unvisitedTileRaw(long gridId, Visits.Month m, TileCoord t) throws SQLException {
        return Sql.read(db, c -> VisitSql.unvisitedTileRaw(c, t, gridId, m));
    }

    private static ApiException notYourGrid(String gridCode) {
        return ApiException.forbidden("Only the staff of grid " + gridCode + " (or an admin) may do this.")
                .says("visits.not_your_grid", Map.of("grid", gridCode));
    }
}
