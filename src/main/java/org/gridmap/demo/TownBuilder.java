package org.gridmap.demo;

import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;

/**
 * Builds one town from its plan: layout, facilities, roads and hamlets, households, noded roads, hazards,
 * staff. Each stage draws from its own random stream derived from the town's seed.
 */
final class TownBuilder {
    /** Households must be within this distance of a road (the spec allows 120 m). */
    static final double MAX_HOUSE_TO_ROAD_M = 100;

    private TownBuilder() {
    }

    /**
     * Builds the town; should a random draw break an invariant the generator checks (it has not happened in
     * practice), the town is redrawn from a derived seed, so the result stays a function of the plan.
     */
    static TownData build(TownPlan plan, long phoneStart) {
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            TownPlan p = attempt == 0 ? plan : reseeded(plan, Rng.subSeed(plan.seed(), 1000 + attempt));
            try {
                return buildOnce(p, phoneStart);
            } catch (IllegalStateException e) {
                last = e;
            }
        }
        throw last;
    }

    private static TownPlan reseeded(TownPlan p, long seed) {
        return new TownPlan(p.index(), seed, p.code(), p.name(), p.nameEn(), p.centreLon(), p.centreLat(),
                p.shapeOffsetX(), p.shapeOffsetY(), p.areaKm2(), p.elongation(), p.rotationDeg(), p.units(),
                p.totalGrids(), p.totalPoints(), p.households(), p.hazards(), p.streets(), p.kind());
    }

    private static TownData buildOnce(TownPlan plan, long phoneStart) {
        GeometryFactory gf = new GeometryFactory();
        long seed = plan.seed();
        boolean published = plan.kind() == TownKind.PUBLISHED;
        TownLayout.Result layout = published ? TownLayout.build(plan, gf, gf) : GrownLayout.build(plan, gf);
        Terrain terrain = Terrain.random(Rng.derive(seed, "terrain"));
        FacilityPlacer placer = new FacilityPlacer(plan, layout, terrain, Rng.derive(seed, "facilities"), gf);
        List<Facility> facilities = placer.place();

        Rng households = Rng.derive(seed, "households");
        // The published town keeps its designed share of remote households; elsewhere each remote hamlet the
        // land left room for gets a farmstead-sized draw, and the share is whatever that adds up to.
        double remoteShare = published ? households.range(0.075, 0.095) : 0;
        RoadPlanner roads = new RoadPlanner(plan, layout, facilities, terrain, Rng.derive(seed, "roads"), gf);
        int remote = (int) Math.round(plan.households() * remoteShare);
        roads.build(remote);
        if (!published) {
            for (Hamlet h : roads.hamlets()) if (h.remote()) remote += households.between(8, 36);
            remoteShare = (double) remote / plan.households();
        }
        Polygon townMetric = TownLayout.toMetric(layout.town(), layout.plane(), gf);
        List<Household> homes = Settlements.place(roads.hamlets(), plan.households(), remote, roads.draft(),
                townMetric, layout.plane(), households, gf);
        for (Household h : homes) {
            if (roads.draft().nearest(h.metric().x, h.metric().y, MAX_HOUSE_TO_ROAD_M, e -> true) == null) {
                throw new IllegalStateException("household far from roads at " + h.lonLat());
            }
        }
        List<Coordinate> ends = new ArrayList<>();
        for (Facility f : facilities) ends.add(f.lonLat());
        RoadAssembler.Network network = RoadAssembler.assemble(roads.draft(), layout.plane(), ends, gf);

        List<Hazard> hazards = HazardSites.place(plan, layout.units(), layout.grids(), homes, roads.draft(), terrain,
                layout.plane(), placer::gridAt, Rng.derive(seed, "hazards"));
        List<Integer> hazardGrids = new ArrayList<>();
        for (Hazard h : hazards) hazardGrids.add(h.grid());
        List<StaffMember> staff = StaffRoster.build(layout.grids(), hazardGrids, phoneStart,
                Rng.derive(seed, "staff"));
        return new TownData(plan, layout.town(), layout.units(), layout.grids(), facilities, network, homes, hazards,
                staff, remoteShare);
    }
}
