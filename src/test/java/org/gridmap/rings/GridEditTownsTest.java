package org.gridmap.rings;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import org.gridmap.accounts.Role;
import org.gridmap.accounts.User;
import org.gridmap.changes.ChangeFeed;
import org.gridmap.grids.EditEchoes;
import org.gridmap.grids.GeoJsonGeometry;
import org.gridmap.grids.GridEditor;
import org.gridmap.grids.GridOperations;
import org.gridmap.rings.graph.Snap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;

/**
 * A grid edit touches only its towns' rings. On a generated city of three towns, a service point of one town is moved
 * to the middle of its grid: the preview's compliance before → after is that town's, and equals what the whole city
 * gives for it — counted over every household and facility of the city, before on the engine as loaded and after on
 * an engine loaded from scratch after the commit. The commit's refresh looks at that town's households and facilities
 * alone, gives the rings a full load gives, and leaves the other towns' rings the very same objects.
 */
class GridEditTownsTest {
    @TempDir
    static Path dir;
    static GeneratedCity city;

    @BeforeAll
    static void load() throws Exception {
        city = GeneratedCity.of(3, 23L, dir);
    }

    @AfterAll
    static void close() {
        city.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void anEditInOneTownPreviewsAndRecomputesThatTownAlone() throws Exception {
        RingEngine engine = city.engine;
        RingNetwork before = engine.network();
        assertThat(before.partitions.count()).isGreaterThanOrEqualTo(3);
        long[] move = servicePointToMove();   // id, town, and the middle of its grid (lon, lat bits)
        long town = move[1];
        ChangeFeed feed = new ChangeFeed(city.db.credentials()); // not started: the editor's own notices only
        EditEchoes echoes = new EditEchoes(engine::onChange);
        feed.subscribe(echoes::accept);
        GridEditor editor = new GridEditor(city.db.dataSource(), engine, feed, echoes);
        GridOperations ops = new GridOperations(city.db.dataSource());
        var to = GeoJsonGeometry.GF.createPoint(new Coordinate(Double.longBitsToDouble(move[2]), Double.longBitsToDouble(move[3])));
        User planner = planner();

        Map<String, Object> preview = editor.apply(ops.move(move[0], null, to), planner, true);
        Map<String, Object> of = (Map<String, Object>) preview.get("complianceOf");
        assertThat(of.get("scope")).isEqualTo("towns");
        assertThat((List<Map<String, Object>>) of.get("towns")).extracting(t -> ((Number) t.get("id")).longValue()).containsExactly(town);
        assertThat(engine.network()).as("a dry run changes no rings").isSameAs(before);

        long fullLoads = engine.townRebuilds(), refreshes = engine.townRefreshes();
        Map<String, Object> committed = editor.apply(ops.move(move[0], null, to), planner, false);
        assertThat(new ObjectMapper().writeValueAsString(committed.get("compliance")))
                .as("the commit's figures are the preview's").isEqualTo(new ObjectMapper().writeValueAsString(preview.get("compliance")));
        RingNetwork after = engine.network();
        assertThat(engine.townRebuilds()).as("no load of the whole city").isEqualTo(fullLoads);
        assertThat(engine.townRefreshes()).isEqualTo(refreshes + 1);

        try (RingEngine scratch = new RingEngine(city.db.dataSource(), RingPolicy.builtIn()).load()) {
            RingNetwork fresh = scratch.network();
            // (a) the town's figures, from the whole city: its parts are where its facilities meet the roads
            BitSet region = partsOfTown(before, town);
            region.or(partsOfTown(fresh, town));
            assertThat(region.cardinality()).isLessThan(before.partitions.count());
            List<Map<String, Object>> rows = (List<Map<String, Object>>) preview.get("compliance");
            assertThat(rows).hasSize(before.policy.rings().size());
            for (Map<String, Object> row : rows) {
                RingPolicy.Ring ring = before.policy.ring(((Number) row.get("ring")).intValue());
                long[] b = wholeCityCount(before, ring, region), a = wholeCityCount(fresh, ring, region);
                Map<String, Object> rb = (Map<String, Object>) row.get("before"), ra = (Map<String, Object>) row.get("after");
                assertThat(new long[] {((Number) rb.get("origins")).longValue(), ((Number) rb.get("within")).longValue()})
                        .as("ring %d before", ring.ring()).containsExactly(b);
                assertThat(new long[] {((Number) ra.get("origins")).longValue(), ((Number) ra.get("within")).longValue()})
                        .as("ring %d after", ring.ring()).containsExactly(a);
                assertThat(b[0]).isPositive().isLessThan(ring.from().equals("household") ? before.town.householdCount()
                        : before.town.facilities.size());
            }
            // the refreshed rings are the rings a full load gives
            double[] now = after.householdSecondsArray(), full = fresh.householdSecondsArray();
            for (int i = 0; i < full.length; i++) assertThat(now[i]).as("household %d", i).isCloseTo(full[i], within(full[i]));
            assertThat(after.householdPointArray()).containsExactly(fresh.householdPointArray());
            for (int f = 0; f < fresh.secondsToParent.length; f++) {
                assertThat(after.secondsToParent[f]).as("facility %d", f).isCloseTo(fresh.secondsToParent[f], within(fresh.secondsToParent[f]));
                assertThat(after.parent[f]).isEqualTo(fresh.parent[f]);
            }

            // (b) what the refresh looked at: the region's households — counted one by one over the city — and one facility snapped
            int regionHouseholds = 0;
            for (int i = 0; i < fresh.town.householdCount(); i++) if (in(fresh, fresh.householdSnap(i), region)) regionHouseholds++;
            assertThat(after.work.households()).isEqualTo(regionHouseholds).isLessThan(after.town.householdCount());
            assertThat(after.work.facilitiesSnapped()).isEqualTo(1);
            assertThat(after.work.facilitiesTimed()).isPositive().isLessThan(after.town.facilities.size() / 2);

            // (c) the other towns: the same arrays, times and grids, not copies
            for (int p = 0; p < before.partitions.count(); p++) {
                if (region.get(p)) continue;
                assertThat(after.householdsOfPart(p)).as("part %d", p).isSameAs(before.householdsOfPart(p));
                assertThat(after.facilitiesOfPart(p)).as("part %d", p).isSameAs(before.facilitiesOfPart(p));
            }
            int changedInTown = 0;
            for (int i = 0; i < before.town.householdCount(); i++) {
                if (!in(before, before.householdSnap(i), region)) {
                    assertThat(after.householdSeconds(i)).as("household %d", i).isEqualTo(before.householdSeconds(i));
                } else if (after.householdSeconds(i) != before.householdSeconds(i)) {
                    changedInTown++;
                }
            }
            assertThat(changedInTown).as("households of the town whose time the move changed").isPositive();
            int otherGrids = 0;
            for (TownModel.Grid g : before.town.grids.values()) {
                if (townOfVillage(g.villageId()) == town) continue;
                assertThat(after.town.grids.get(g.id())).isSameAs(g);
                otherGrids++;
            }
            assertThat(otherGrids).isPositive();
        }
    }

    /**
     * Another node's edit reaches this node through the change feed, as updates of facilities with their boxes: this
     * node's engine recomputes the towns they lie in, not the whole city, and ends with the rings a full load gives.
     */
    @Test
    void anotherNodesEditIsFollowedTownByTown() throws Exception {
        try (RingEngine other = new RingEngine(city.db.dataSource(), RingPolicy.builtIn()).load()) {
            ChangeFeed otherFeed = listeningFeed(other);
            try {
                long fullLoads = other.townRebuilds(), refreshes = other.townRefreshes();

                long[] move = servicePointToMove();
                ChangeFeed feed = new ChangeFeed(city.db.credentials()); // this node's: not started, its own notices only
                EditEchoes echoes = new EditEchoes(city.engine::onChange);
                feed.subscribe(echoes::accept);
                GridEditor editor = new GridEditor(city.db.dataSource(), city.engine, feed, echoes);
                var to = GeoJsonGeometry.GF.createPoint(new Coordinate(Double.longBitsToDouble(move[2]), Double.longBitsToDouble(move[3])));
                editor.apply(new GridOperations(city.db.dataSource()).move(move[0], null, to), planner("planner-other-node"), false);

                long until = System.currentTimeMillis() + 15_000;
                while (other.townRefreshes() == refreshes && System.currentTimeMillis() < until) Thread.sleep(20);
                assertThat(other.townRefreshes()).as("the other node recomputed the towns").isGreaterThan(refreshes);
                assertThat(other.townRebuilds()).as("and loaded the whole city no more").isEqualTo(fullLoads);
                RingNetwork followed = other.network();
                try (RingEngine scratch = new RingEngine(city.db.dataSource(), RingPolicy.builtIn()).load()) {
                    RingNetwork fresh = scratch.network();
                    double[] now = followed.householdSecondsArray(), full = fresh.householdSecondsArray();
                    for (int i = 0; i < full.length; i++) assertThat(now[i]).as("household %d", i).isCloseTo(full[i], within(full[i]));
                    for (int f = 0; f < fresh.secondsToParent.length; f++) assertThat(followed.parent[f]).as("facility %d", f).isEqualTo(fresh.parent[f]);
                }
            } finally {
                otherFeed.close();
            }
        }
    }

    /**
     * A staff change made elsewhere (in SQL: a name and phone edited, a member added) reaches the engine through the
     * feed as a change of staff alone: the contact cards are read again and equal a full load's, and nothing else is
     * recomputed or read (no whole-town rebuild; the rings' arrays are the same objects).
     */
    @Test
    void aStaffChangeRereadsTheContactCardsAlone() throws Exception {
        try (RingEngine other = new RingEngine(city.db.dataSource(), RingPolicy.builtIn()).load()) {
            ChangeFeed otherFeed = listeningFeed(other);
            try {
                long fullLoads = other.townRebuilds(), staffReads = other.staffRefreshes();
                RingNetwork before = other.network();
                try (Connection c = city.db.connection(); Statement s = c.createStatement()) {
                    s.execute("UPDATE staff SET name = name || '（新）', phone = '13900000001' WHERE id = (SELECT min(id) FROM staff)");
                    s.execute("INSERT INTO staff (grid_id, role, name, phone) SELECT grid_id, 'hazard_monitor', '新同事', '13900000002' "
                            + "FROM staff WHERE id = (SELECT max(id) FROM staff)");
                }
                long until = System.currentTimeMillis() + 15_000;
                while (other.staffRefreshes() < staffReads + 1 && System.currentTimeMillis() < until) Thread.sleep(20);
                Thread.sleep(400);   // a second announcement, if any, is taken by then
                assertThat(other.staffRefreshes()).as("the staff read again").isGreaterThan(staffReads);
                assertThat(other.townRebuilds()).as("and the whole town model not").isEqualTo(fullLoads);
                RingNetwork followed = other.network();
                assertThat(followed.pointTree).as("the rings as they were").isSameAs(before.pointTree);
                assertThat(followed.secondsToParent).isSameAs(before.secondsToParent);
                assertThat(followed.town.householdGrid).isSameAs(before.town.householdGrid);
                try (RingEngine scratch = new RingEngine(city.db.dataSource(), RingPolicy.builtIn()).load()) {
                    assertThat(followed.town.staffByGrid).isEqualTo(scratch.network().town.staffByGrid);
                    assertThat(followed.town.staffByGrid).isNotEqualTo(before.town.staffByGrid);
                }
            } finally {
                otherFeed.close();
            }
        }
    }

    /** A change feed of its own, started and listening (asserted), that hands every change to {@code engine}. */
    private static ChangeFeed listeningFeed(RingEngine engine) throws InterruptedException {
        ChangeFeed feed = new ChangeFeed(city.db.credentials());
        feed.subscribe(engine::onChange);
        feed.start();
        long until = System.currentTimeMillis() + 10_000;
        while (!feed.state().listening() && System.currentTimeMillis() < until) Thread.sleep(20);
        assertThat(feed.state().listening()).isTrue();
        return feed;
    }

    /** A service point of the middle town, not at the middle of its grid, with that middle. */
    private static long[] servicePointToMove() throws Exception {
        try (Connection c = city.db.connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT f.id, v.town_id, ST_X(q.p), ST_Y(q.p)
                FROM facilities f JOIN grids g ON g.id = f.grid_id JOIN villages v ON v.id = g.village_id,
                     LATERAL (SELECT ST_PointOnSurface(g.geom) AS p) q
                WHERE f.level = 'point' AND ST_Distance(f.geom::geography, q.p::geography) > 200
                  AND v.town_id = (SELECT id FROM towns ORDER BY code OFFSET 1 LIMIT 1)
                ORDER BY ST_Distance(f.geom::geography, q.p::geography) DESC, f.id LIMIT 1""")) {
            assertThat(rs.next()).isTrue();
            return new long[] {rs.getLong(1), rs.getLong(2), Double.doubleToLongBits(rs.getDouble(3)), Double.doubleToLongBits(rs.getDouble(4))};
        }
    }

    private static long townOfVillage(long village) throws Exception {
        try (Connection c = city.db.connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT town_id FROM villages WHERE id = " + village)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static User planner() throws Exception { return planner("planner-towns"); }

    private static User planner(String name) throws Exception {
        try (Connection c = city.db.connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "INSERT INTO users (username, password_hash, role) VALUES ('" + name + "', '!', 'planner') RETURNING id")) {
            rs.next();
            return new User(rs.getLong(1), name, Role.PLANNER);
        }
    }

    /** The parts of the graph where the town's facilities meet the roads, found over every facility of the city. */
    private static BitSet partsOfTown(RingNetwork net, long town) {
        BitSet parts = new BitSet();
        for (int f = 0; f < net.town.facilities.size(); f++) {
            Snap s = net.facilitySnaps[f];
            if (net.town.facilities.get(f).townId() == town && s != null) parts.set(net.partitions.of(net.graph, s));
        }
        assertThat(parts.isEmpty()).isFalse();
        return parts;
    }

    /** {origins, within} of a ring among the city's households (or facilities) that meet the roads in the region. */
    private static long[] wholeCityCount(RingNetwork net, RingPolicy.Ring ring, BitSet region) {
        long origins = 0, within = 0;
        if (ring.from().equals("household")) {
            for (int i = 0; i < net.town.householdCount(); i++) {
                if (!in(net, net.householdSnap(i), region)) continue;
                origins++;
                if (net.householdSeconds(i) <= ring.limitSeconds()) within++;
            }
        } else {
            for (int f = 0; f < net.town.facilities.size(); f++) {
                if (!net.town.facilities.get(f).level().equals(ring.from()) || !in(net, net.facilitySnaps[f], region)) continue;
                origins++;
                if (net.secondsToParent[f] <= ring.limitSeconds()) within++;
            }
        }
        return new long[] {origins, within};
    }

    private static boolean in(RingNetwork net, Snap s, BitSet region) {
        return s != null && region.get(net.partitions.of(net.graph, s));
    }

    /** Equal up to rounding of sums taken in another order; infinities equal each other. */
    private static org.assertj.core.data.Offset<Double> within(double expected) {
        return org.assertj.core.data.Offset.offset(Double.isInfinite(expected) ? 0.0 : 1e-9 * Math.max(1, Math.abs(expected)));
    }
}
