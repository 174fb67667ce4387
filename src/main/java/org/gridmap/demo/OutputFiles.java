package org.gridmap.demo;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;

/**
 * The eight output files of a data set, written town by town. Road and household ids run on across towns.
 * Further JSON files ask the importer for generated demo data in every town: {@code errand-history.json} a year of
 * past errands, {@code visit-history.json} a year of monthly visits, {@code work-history.json} a year of cases,
 * 3-day reports and meetings, {@code networks.json} the party posts, volunteers and firms around the grids.
 *
 * <p>In a city set every feature also names its {@code town_code} (villages and facilities always do), so the
 * importer can take the files town by town, each town in a transaction of its own (see {@code CitySet}).
 */
final class OutputFiles implements Closeable {
    private final GeometryFactory gf = new GeometryFactory();
    private final FeatureWriter towns;
    private final FeatureWriter villages;
    private final FeatureWriter grids;
    private final FeatureWriter facilities;
    private final FeatureWriter roads;
    private final FeatureWriter households;
    private final FeatureWriter hazards;
    private final FeatureWriter staff;
    /** True in a city set: every feature names its town. */
    private final boolean city;

    /** Party posts at a quarter of the points, about one volunteer per point, four firms per industrial-park grid. */
    static final String NETWORKS = "{\"post_share\": 0.25, \"volunteers_per_point\": 1.0, \"firms_per_park_grid\": 4, "
            + "\"offers_until\": \"2027-06-30\"}\n";

    OutputFiles(Path dir) throws IOException {
        this(dir, false, true);
    }

    /**
     * @param city whether every feature names its town ({@code town_code})
     * @param histories whether to ask the importer for the demo's generated histories and networks
     */
    OutputFiles(Path dir, boolean city, boolean histories) throws IOException {
        this.city = city;
        towns = new FeatureWriter(dir.resolve("towns.geojson"), "towns");
        villages = new FeatureWriter(dir.resolve("villages.geojson"), "villages");
        grids = new FeatureWriter(dir.resolve("grids.geojson"), "grids");
        facilities = new FeatureWriter(dir.resolve("facilities.geojson"), "facilities");
        roads = new FeatureWriter(dir.resolve("roads.geojson"), "roads");
        households = new FeatureWriter(dir.resolve("households.geojson"), "households");
        hazards = new FeatureWriter(dir.resolve("hazards.geojson"), "hazards");
        staff = new FeatureWriter(dir.resolve("staff.geojson"), "staff");
        if (!histories) return;
        // a fixed year, so that the same towns always give the same history (and the same figures)
        java.nio.file.Files.writeString(dir.resolve(org.gridmap.errands.ErrandHistory.FILE),
                "{\"year_end\": \"2026-08-01\", \"errands_per_household\": 0.75}\n");
        java.nio.file.Files.writeString(dir.resolve(org.gridmap.visits.VisitHistory.FILE), "{\"year_end\": \"2026-08-01\"}\n");
        java.nio.file.Files.writeString(dir.resolve(org.gridmap.reports.WorkHistory.FILE),
                "{\"year_end\": \"2026-08-01\", \"cases_per_household\": 0.2}\n");
        java.nio.file.Files.writeString(dir.resolve(org.gridmap.networks.NetworksDemo.FILE), NETWORKS);
    }

    void write(TownData t) throws IOException {
        TownPlan p = t.plan();
        towns.write(p.code(), t.town(), props("code", p.code(), "name", p.name(), "name_en", p.nameEn()));
        for (Unit u : t.units()) {
            villages.write(u.code(), u.area(), props("code", u.code(), "name", u.plan().name(), "name_en",
                    u.plan().nameEn(), "kind", u.kind(), "town_code", p.code()));
        }
        for (Grid g : t.grids()) {
            grids.write(g.code(), g.area(), town(p, props("code", g.code(), "name", g.name(), "kind", g.kind(),
                    "village_code", t.units().get(g.unit()).code())));
        }
        for (Facility f : t.facilities()) {
            Grid g = t.grids().get(f.grid());
            facilities.write(f.code(), gf.createPoint(f.lonLat()), props("code", f.code(), "level", f.level(),
                    "name", f.name(), "grid_code", g.code(), "village_code", t.units().get(g.unit()).code(),
                    "town_code", p.code()));
        }
        for (Road r : t.network().roads()) road(r.line(), r.cls(), r.name(), p.code());
        for (Household h : t.households()) {
            int id = households.count() + 1;
            households.write(id, gf.createPoint(h.lonLat()), town(p, props("id", id, "members", h.members())));
        }
        for (Hazard h : t.hazards()) {
            hazards.write(h.code(), gf.createPoint(h.lonLat()), town(p, props("code", h.code(), "name", h.name(),
                    "type", h.type(), "radius_m", h.radiusM(), "status", h.status(), "blocks_roads", h.blocksRoads(),
                    "grade", h.grade(), "description", h.description())));
        }
        for (StaffMember s : t.staff()) {
            staff.write(s.id(), null, town(p, props("grid_code", s.gridCode(), "role", s.role(), "name", s.name(),
                    "phone", s.phone(), "duties", s.duties())));
        }
    }

    /** @param townCode the town the road is imported with (a link road: the later of the two towns it joins) */
    void road(LineString line, String cls, String name, String townCode) throws IOException {
        int id = roads.count() + 1;
        Map<String, Object> p = props("id", id, "class", cls, "name", name);
        if (city) p.put("town_code", townCode);
        roads.write(id, line, p);
    }

    private Map<String, Object> town(TownPlan plan, Map<String, Object> p) {
        if (city) p.put("town_code", plan.code());
        return p;
    }

    int facilities() {
        return facilities.count();
    }

    int roads() {
        return roads.count();
    }

    int households() {
        return households.count();
    }

    int staff() {
        return staff.count();
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (FeatureWriter w : new FeatureWriter[] {towns, villages, grids, facilities, roads, households, hazards, staff}) {
            try {
                w.close();
            } catch (IOException e) {
                if (first == null) first = e;
            }
        }
        if (first != null) throw first;
    }

    private static Map<String, Object> props(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }
}
