package org.gridmap.demo;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Plans the towns of a synthetic city: Taojia first at its real place, then towns on a square lattice to its
 * south-east, each with its own sub-seed, names, kind (urban subdistrict, ordinary town, mountain township) and
 * a plan drawn from that kind's distributions.
 *
 * <p>The lattice is laid out in degrees so that every town, and every road inside it, stays inside its own
 * lattice cell; then a straight road between the outermost road endpoints of two neighbours cannot touch any
 * third town (see {@link CityLinks}).
 */
final class CityPlanner {
    static final int MAX_TOWNS = 1000;
    /**
     * Lattice spacing: the largest mountain township (88 km², grown inside a square {@link #reachM()} from its
     * centre) and Taojia (about 4.4 km from its middle to its rim) fit into their cells.
     */
    static final double SPACING_M = 12_500;
    static final String COUNTY = "500199";
    /** Township numbers 100–999 of one county; towns beyond them go to the next county down (500198 …). */
    private static final int TOWNSHIPS_PER_COUNTY = 900;

    private final long seed;
    private final int towns;
    private final int side;
    private final TownPlan taojia;
    private final double lon0;
    private final double lat0;
    private final double dLon;
    private final double dLat;
    private final Set<String> usedNames = new HashSet<>();

    CityPlanner(int towns, long seed) {
        if (towns < 1 || towns > MAX_TOWNS) {
            throw new IllegalArgumentException("towns must be between 1 and " + MAX_TOWNS + ", was " + towns);
        }
        this.seed = seed;
        this.towns = towns;
        this.side = (int) Math.ceil(Math.sqrt(towns));
        this.taojia = TaojiaFacts.plan(Rng.subSeed(seed, 0));
        // Lattice origin: the middle of Taojia's boundary, so Taojia sits in the middle of its cell.
        LocalPlane p = new LocalPlane(taojia.centreLon(), taojia.centreLat());
        var mid = p.toLonLat(taojia.shapeOffsetX(), taojia.shapeOffsetY());
        this.lon0 = mid.x;
        this.lat0 = mid.y;
        this.dLat = SPACING_M / 111_000.0;
        this.dLon = SPACING_M / (111_320.0 * StrictMath.cos(Math.toRadians(lat0)));
        usedNames.add("陶家");
    }

    int townCount() {
        return towns;
    }

    int side() {
        return side;
    }

    /** Lattice cell of town i as {minLon, minLat, maxLon, maxLat}. */
    double[] cell(int i) {
        double lon = lon0 + (i % side) * dLon;
        double lat = lat0 - (i / side) * dLat;
        return new double[] {lon - dLon / 2, lat - dLat / 2, lon + dLon / 2, lat + dLat / 2};
    }

    /**
     * Plans are made in order; town i's names depend on the names drawn before it. The town's kind is drawn
     * first, then its area, units, grids and households from that kind's distributions (see {@link TownKind}).
     */
    TownPlan plan(int i) {
        if (i == 0) return taojia;
        long townSeed = Rng.subSeed(seed, i);
        Rng rng = Rng.derive(townSeed, "plan");
        TownKind kind = TownKind.draw(rng);
        int county = Integer.parseInt(COUNTY) - (i - 1) / TOWNSHIPS_PER_COUNTY;
        String prefix = county + String.valueOf(100 + (i - 1) % TOWNSHIPS_PER_COUNTY);
        PlaceNames.Name townName = PlaceNames.unique(rng, usedNames);
        Set<String> villageNames = new HashSet<>();
        villageNames.add(townName.zh());
        int unitCount = rng.between(kind.minUnits, kind.maxUnits);
        int parkUnit = kind == TownKind.ORDINARY && rng.chance(0.5) ? rng.between(1, unitCount - 1) : -1;
        List<UnitPlan> units = new ArrayList<>();
        int grids = 0;
        for (int u = 0; u < unitCount; u++) {
            boolean community = u == 0 || kind.allCommunities();
            PlaceNames.Name n = PlaceNames.unique(rng, villageNames);
            String suffix = kind.allCommunities() ? String.format("%03d", u + 1)
                    : community ? "001" : String.valueOf(200 + u);
            int g = rng.between(kind.minGridsPerUnit, kind.maxGridsPerUnit);
            grids += g;
            units.add(new UnitPlan(prefix + suffix, n.zh() + (community ? "社区" : "村"),
                    n.pinyin() + (community ? " Community" : " Village"), community, Double.NaN, Double.NaN, g,
                    u == parkUnit ? rng.between(1, 2) : 0, -1));
        }
        int points = (int) Math.round(grids * rng.range(2.7, 3.2));
        double km2 = kind.drawArea(rng);
        int households = kind.drawHouseholds(rng, km2);
        double lon = lon0 + (i % side) * dLon;
        double lat = lat0 - (i / side) * dLat;
        List<String> streets = List.of(townName.zh() + "正街", "人民路", "建设路", "新华街", "和平街");
        return new TownPlan(i, townSeed, prefix + "000", townName.zh() + kind.suffix, townName.pinyin() + kind.suffixEn,
                lon, lat, 0, 0, km2, 1, 0, units, grids, points, households, rng.between(5, 10), streets, kind);
    }

    /** Half the lattice spacing less a margin: a grown town stays within this distance of its centre. */
    static double reachM() {
        return SPACING_M / 2 - 400;
    }
}
