package org.gridmap.rings;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.gridmap.staff.StaffRoles;
import org.locationtech.jts.algorithm.locate.SimplePointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.impl.PackedCoordinateSequenceFactory;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;

/**
 * What the rings need besides roads, held in memory: facilities with their parent in the ring chain,
 * households (as primitive arrays: a city has 1.5 million), grids and towns for point-in-polygon answers,
 * and the grid staff for the villager's contact cards.
 */
public final class TownModel {
    public record Facility(long id, String code, String name, String level, long gridId, long villageId, long townId,
                           double lon, double lat) { }
    /**
     * A grid and its outline, kept plain: a prepared outline grows an index on its first point-in-area question and
     * keeps it, so a long-running node asked about every grid of a 1,000-town city (75,000 of them) would grow by
     * hundreds of MiB. A grid has some hundred vertices: one pass over them answers in a few microseconds.
     */
    public record Grid(long id, String code, String name, long villageId, String villageCode, String villageName,
                       String villageNameEn, Geometry outline) {
        /** Whether the grid covers the location (its boundary included, as {@code covers}). */
        public boolean covers(Coordinate c) { return SimplePointInAreaLocator.locate(c, outline) != Location.EXTERIOR; }

        /** The grid's village as the answers carry it; nameEn only when known, so English pages name it one way. */
        public Map<String, Object> villageJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", villageId);
            m.put("code", villageCode);
            m.put("name", villageName);
            if (villageNameEn != null && !villageNameEn.isBlank()) m.put("nameEn", villageNameEn);
            return m;
        }
    }
    public record StaffCard(String role, String name, String phone, String duties) { }

    /**
     * Packed coordinates: a grid's outline as one double array instead of a Coordinate object per vertex (16 bytes a
     * vertex instead of about 44; a city holds a hundred thousand grids). The same coordinates, the same answers.
     */
    static final GeometryFactory GF = new GeometryFactory(new PrecisionModel(), 0, PackedCoordinateSequenceFactory.DOUBLE_FACTORY);

    public final List<Facility> facilities;
    public final Map<Long, Grid> grids;
    public final Map<Long, List<StaffCard>> staffByGrid;
    public final IdColumn householdId;
    /** Each household's grid id (0: none). */
    public final IdColumn householdGrid;
    public final double[] householdLon;
    public final double[] householdLat;
    public final SmallCounts householdMembers;
    private final STRtree gridIndex;
    /**
     * The towns' outlines, plain: a prepared (indexed) outline keeps about 120 bytes a segment once asked, and a city's
     * thousand grown outlines have 1.5 million segments — about 180 MiB kept for a containment test that a pass over
     * one town's outline answers in microseconds.
     */
    private final List<Geometry> towns;

    private TownModel(List<Facility> facilities, Map<Long, Grid> grids, Map<Long, List<StaffCard>> staff,
                      IdColumn hid, IdColumn hgrid, double[] hlon, double[] hlat, SmallCounts members, List<Geometry> towns) {
        this(facilities, grids, staff, hid, hgrid, hlon, hlat, members, towns, null);
    }

    /** {@code gridIndex}: the grids' index when they are the same as another model's (null: built here). */
    private TownModel(List<Facility> facilities, Map<Long, Grid> grids, Map<Long, List<StaffCard>> staff, IdColumn hid,
                      IdColumn hgrid, double[] hlon, double[] hlat, SmallCounts members, List<Geometry> towns, STRtree gridIndex) {
        this.facilities = facilities;
        this.grids = grids;
        this.staffByGrid = staff;
        this.householdId = hid;
        this.householdGrid = hgrid;
        this.householdLon = hlon;
        this.householdLat = hlat;
        this.householdMembers = members;
        this.towns = towns;
        if (gridIndex == null) {
            gridIndex = new STRtree();
            for (Grid g : grids.values()) gridIndex.insert(g.outline().getEnvelopeInternal(), g);
            gridIndex.build();
        }
        this.gridIndex = gridIndex;
    }

    public int householdCount() { return householdId.size(); }

    private volatile PointIndex householdIndex;

    /** The households by place (built on first use: only the engine's closures need it). */
    PointIndex householdIndex() {
        PointIndex index = householdIndex;
        if (index == null) {
            synchronized (this) {
                if (householdIndex == null) householdIndex = new PointIndex(householdLon, householdLat);
                index = householdIndex;
            }
        }
        return index;
    }

    private volatile PointIndex facilityIndex;

    /** The facilities by place (built on first use, like {@link #householdIndex}). */
    PointIndex facilityIndex() {
        PointIndex index = facilityIndex;
        if (index == null) {
            synchronized (this) {
                if (facilityIndex == null) {
                    double[] lon = new double[facilities.size()], lat = new double[facilities.size()];
                    for (int i = 0; i < lon.length; i++) {
                        lon[i] = facilities.get(i).lon();
                        lat[i] = facilities.get(i).lat();
                    }
                    facilityIndex = new PointIndex(lon, lat);
                }
                index = facilityIndex;
            }
        }
        return index;
    }

    private volatile int[] facilitiesByCode;

    /**
     * The index of the facility whose code or id is {@code ref}, or -1. An isochrone names its facility: a pass over a
     * city's facilities (300,000 and more) with a string per facility was most of a short isochrone's time, so the
     * facilities are ordered once by code (an int array, built on first use) and searched; by id they already are.
     */
    public int facilityOf(String ref) {
        int[] byCode = facilitiesByCode;
        if (byCode == null) {
            synchronized (this) {
                if (facilitiesByCode == null) {
                    Integer[] order = new Integer[facilities.size()];
                    for (int i = 0; i < order.length; i++) order[i] = i;
                    java.util.Arrays.sort(order, java.util.Comparator.comparing(i -> facilities.get(i).code()));
                    facilitiesByCode = java.util.Arrays.stream(order).mapToInt(Integer::intValue).toArray();
                }
                byCode = facilitiesByCode;
            }
        }
        int lo = 0, hi = byCode.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1, cmp = facilities.get(byCode[mid]).code().compareTo(ref);
            if (cmp == 0) return byCode[mid];
            if (cmp < 0) lo = mid + 1; else hi = mid - 1;
        }
        try {
            return facilityWithId(Long.parseLong(ref));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * The index of facility {@code id}, or -1: a binary search, as every model's facilities ascend by id (read so by
     * {@link #loadFacilities}; an edit's models replace facilities in place).
     */
    public int facilityWithId(long id) {
        int lo = 0, hi = facilities.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long at = facilities.get(mid).id();
            if (at == id) return mid;
            if (at < id) lo = mid + 1; else hi = mid - 1;
        }
        return -1;
    }

    /** The same town with other facilities: what an edit would make of it, for a before → after preview. */
    public TownModel withFacilities(List<Facility> changed) {
        TownModel t = new TownModel(List.copyOf(changed), grids, staffByGrid, householdId, householdGrid, householdLon,
                householdLat, householdMembers, towns, gridIndex);
        t.householdIndex = householdIndex; // the same places
        return t;
    }

    /** The same town with other staff (contact cards): everything else, indexes included, shared. */
    TownModel withStaff(Map<Long, List<StaffCard>> staff) {
        TownModel t = new TownModel(facilities, grids, staff, householdId, householdGrid, householdLon, householdLat,
                householdMembers, towns, gridIndex);
        t.householdIndex = householdIndex;
        t.facilityIndex = facilityIndex;
        return t;
    }

    /** The same towns and households' places with other grids, staff and households' grids (what an edit of some towns left). */
    TownModel withGrids(Map<Long, Grid> grids, Map<Long, List<StaffCard>> staff, IdColumn householdGrid) {
        TownModel t = new TownModel(facilities, grids, staff, householdId, householdGrid, householdLon, householdLat,
                householdMembers, towns, null);
        t.householdIndex = householdIndex;
        return t;
    }

    /** The grid a location lies in, or null outside every grid. */
    public Grid gridAt(double lon, double lat) {
        Coordinate c = new Coordinate(lon, lat);
        @SuppressWarnings("unchecked")
        List<Grid> hits = gridIndex.query(new org.locationtech.jts.geom.Envelope(c));
        for (Grid g : hits) if (g.covers(c)) return g;
        return null;
    }

    /**
     * For every node of the graph, the index of the town it lies in, -1 in none (for {@link
     * org.gridmap.rings.graph.Partitions#cut}). Towns do not overlap, so the first that covers a node is its town.
     */
    public int[] nodeTowns(org.gridmap.rings.graph.RoadGraph g) {
        STRtree index = new STRtree();
        for (int t = 0; t < towns.size(); t++) index.insert(towns.get(t).getEnvelopeInternal(), t);
        index.build();
        // prepared here for the graph's every node, and let go after: see towns
        PreparedGeometry[] prepared = new PreparedGeometry[towns.size()];
        int[] out = new int[g.nodeCount()];
        for (int n = 0; n < out.length; n++) {
            Point p = GF.createPoint(new Coordinate(g.nodeLon(n), g.nodeLat(n)));
            out[n] = -1;
            @SuppressWarnings("unchecked")
            List<Integer> hits = index.query(p.getEnvelopeInternal());
            for (int t : hits) {
                if (prepared[t] == null) prepared[t] = PreparedGeometryFactory.prepare(towns.get(t));
                if (prepared[t].covers(p)) {
                    out[n] = t;
                    break;
                }
            }
        }
        return out;
    }

    private volatile STRtree townIndex;

    /** Whether a town covers the place (inside or on its outline). */
    public boolean insideATown(double lon, double lat) {
        STRtree index = townIndex;
        if (index == null) {
            synchronized (this) {
                if (townIndex == null) {
                    STRtree built = new STRtree();
                    for (Geometry t : towns) built.insert(t.getEnvelopeInternal(), t);
                    built.build();
                    townIndex = built;
                }
                index = townIndex;
            }
        }
        Coordinate c = new Coordinate(lon, lat);
        for (Object t : index.query(new org.locationtech.jts.geom.Envelope(c))) {
            if (SimplePointInAreaLocator.locate(c, (Geometry) t) != Location.EXTERIOR) return true;
        }
        return false;
    }

    /** Every facility with the unit ids of its chain (a point's village and town come through its grid). */
    public static List<Facility> loadFacilities(Connection c) throws SQLException { return readFacilities(c, null); }

    /**
     * The facilities of {@code towns} (null: every facility), ascending by id. A town's are found by place first
     * (facilities have a spatial index; a facility stands in its town) and then by the town its chain names.
     */
    static List<Facility> readFacilities(Connection c, Long[] towns) throws SQLException {
        List<Facility> facilities = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT f.id, f.code, f.name, f.level, coalesce(f.grid_id, 0),
                       coalesce(f.village_id, g.village_id, 0), coalesce(f.town_id, v.town_id, 0), ST_X(f.geom), ST_Y(f.geom)
                FROM facilities f LEFT JOIN grids g ON g.id = f.grid_id
                LEFT JOIN villages v ON v.id = coalesce(f.village_id, g.village_id)
                """ + (towns == null ? "" : """
                WHERE f.geom && (SELECT ST_Extent(geom) FROM towns WHERE id = ANY(?))
                  AND coalesce(f.town_id, v.town_id) = ANY(?)
                """) + "ORDER BY f.id")) {
            if (towns != null) {
                ps.setArray(1, c.createArrayOf("bigint", towns));
                ps.setArray(2, c.createArrayOf("bigint", towns));
            }
            try (ResultSet rs = ps.executeQuery()) {
                Dedup same = new Dedup();
                while (rs.next()) {
                    facilities.add(new Facility(rs.getLong(1), rs.getString(2), rs.getString(3), same.of(rs.getString(4)),
                            rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getDouble(8), rs.getDouble(9)));
                }
            }
        }
        return facilities;
    }

    /** The grids of {@code towns} (null: every grid) into {@code into}, their outlines plain. */
    static void readGrids(Connection c, Long[] towns, Map<Long, Grid> into) throws SQLException {
        Dedup same = new Dedup();
        WKBReader wkb = new WKBReader(GF);
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT g.id, g.code, g.name, g.village_id, v.code, v.name, ST_AsBinary(g.geom), v.name_en
                FROM grids g JOIN villages v ON v.id = g.village_id""" + (towns == null ? "" : " WHERE v.town_id = ANY(?)"))) {
            if (towns != null) ps.setArray(1, c.createArrayOf("bigint", towns));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    into.put(rs.getLong(1), new Grid(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                            same.of(rs.getString(5)), same.of(rs.getString(6)), same.of(rs.getString(8)),
                            wkb.read(rs.getBytes(7))));
                }
            }
        } catch (ParseException e) {
            throw new SQLException("unreadable grid geometry", e);
        }
    }

    /** The staff cards of the grids of {@code towns} (null: every grid) into {@code into}, standing roles first. */
    static void readStaff(Connection c, Long[] towns, Map<Long, List<StaffCard>> into) throws SQLException {
        Dedup same = new Dedup();
        try (PreparedStatement ps = c.prepareStatement("SELECT s.grid_id, s.role, s.name, s.phone, s.duties FROM staff s"
                + (towns == null ? "" : " JOIN grids g ON g.id = s.grid_id JOIN villages v ON v.id = g.village_id WHERE v.town_id = ANY(?)")
                + " ORDER BY s.grid_id, array_position(" + StaffRoles.sqlArray(StaffRoles.STANDING) + ", s.role) NULLS LAST, s.id")) {
            if (towns != null) ps.setArray(1, c.createArrayOf("bigint", towns));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    into.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(new StaffCard(same.of(rs.getString(2)), rs.getString(3), rs.getString(4), same.of(rs.getString(5))));
                }
            }
        }
    }

    /**
     * One String per distinct value read: a city repeats its facility levels, staff roles and duties, and its village
     * codes and names (once per grid) hundreds of thousands of times, each a new String from the driver.
     */
    private static final class Dedup {
        private final Map<String, String> seen = new HashMap<>();

        String of(String s) { return s == null ? null : seen.computeIfAbsent(s, k -> k); }
    }

    public static TownModel load(DataSource db) throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            List<Facility> facilities = loadFacilities(c);
            Map<Long, Grid> grids = new HashMap<>();
            readGrids(c, null, grids);
            Map<Long, List<StaffCard>> staff = new HashMap<>();
            readStaff(c, null, staff);
            int n;
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM households"); ResultSet rs = ps.executeQuery()) {
                rs.next();
                n = rs.getInt(1);
            }
            long[] hid = new long[n];
            long[] hgrid = new long[n];
            double[] hlon = new double[n];
            double[] hlat = new double[n];
            int[] members = new int[n];
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, coalesce(grid_id, 0), ST_X(geom), ST_Y(geom), members FROM households ORDER BY id")) {
                ps.setFetchSize(50_000);
                try (ResultSet rs = ps.executeQuery()) {
                    int i = 0;
                    while (rs.next() && i < n) {
                        hid[i] = rs.getLong(1);
                        hgrid[i] = rs.getLong(2);
                        hlon[i] = rs.getDouble(3);
                        hlat[i] = rs.getDouble(4);
                        members[i] = rs.getInt(5);
                        i++;
                    }
                }
            }
            List<Geometry> towns = new ArrayList<>();
            WKBReader wkb = new WKBReader(GF);
            try (PreparedStatement ps = c.prepareStatement("SELECT ST_AsBinary(geom) FROM towns"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    towns.add(wkb.read(rs.getBytes(1)));
                }
            } catch (ParseException e) {
                throw new SQLException("unreadable town geometry", e);
            }
            c.commit();
            return new TownModel(facilities, grids, staff, IdColumn.of(hid), IdColumn.of(hgrid), hlon, hlat, SmallCounts.of(members), towns);
        }
    }
}
