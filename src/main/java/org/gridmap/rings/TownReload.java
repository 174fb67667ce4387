package org.gridmap.rings;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.locationtech.jts.geom.Envelope;

/**
 * What some towns are now in the database, read alone: their facilities, grids, staff and households' grids. An edit
 * of grids or facilities stays inside its towns, and rings never cross a town boundary, so these rows are all the rings
 * need to follow it ({@link TownRings}) — no read of the city's facilities or of its millions of households.
 */
public final class TownReload {
    private TownReload() { }

    /** A town as an edit's answer names it. */
    public record Town(long id, String code, String name, String nameEn) { }

    /** The towns whose outline meets the area (lon/lat), by code. */
    public static List<Town> townsMeeting(Connection c, Envelope area) throws SQLException {
        List<Town> out = new ArrayList<>();
        if (area == null || area.isNull()) return out;
        try (PreparedStatement ps = c.prepareStatement("SELECT id, code, name, name_en FROM towns "
                + "WHERE ST_Intersects(geom, ST_MakeEnvelope(?, ?, ?, ?, 4326)) ORDER BY code, id")) {
            ps.setDouble(1, area.getMinX());
            ps.setDouble(2, area.getMinY());
            ps.setDouble(3, area.getMaxX());
            ps.setDouble(4, area.getMaxY());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(new Town(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)));
            }
        }
        return out;
    }

    public static Long[] ids(List<Town> towns) { return towns.stream().map(Town::id).toArray(Long[]::new); }

    /** The towns' facilities, as {@link TownModel#loadFacilities} reads every facility (the same columns, ascending by id). */
    public static List<TownModel.Facility> facilities(Connection c, Long[] towns) throws SQLException {
        return TownModel.readFacilities(c, towns);
    }

    /**
     * The model with the towns' grids, their staff and their households' grids as the database has them now (everything
     * else shared with {@code old}); null when a household of theirs is not in {@code old} (added since: the whole model
     * is to be read again).
     */
    static TownModel grids(Connection c, TownModel old, Long[] towns) throws SQLException {
        Set<Long> villages = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM villages WHERE town_id = ANY(?)")) {
            ps.setArray(1, c.createArrayOf("bigint", towns));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) villages.add(rs.getLong(1));
            }
        }
        Map<Long, TownModel.Grid> grids = new HashMap<>(old.grids);
        Map<Long, List<TownModel.StaffCard>> staff = new HashMap<>(old.staffByGrid);
        for (TownModel.Grid g : old.grids.values()) {
            if (!villages.contains(g.villageId())) continue;
            grids.remove(g.id());
            staff.remove(g.id());
        }
        TownModel.readGrids(c, towns, grids);
        TownModel.readStaff(c, towns, staff);
        RingNetwork.IntArrayBuilder at = new RingNetwork.IntArrayBuilder();
        List<Long> to = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT h.id, h.grid_id FROM households h
                WHERE h.grid_id IN (SELECT g.id FROM grids g JOIN villages v ON v.id = g.village_id WHERE v.town_id = ANY(?))""")) {
            ps.setArray(1, c.createArrayOf("bigint", towns));
            ps.setFetchSize(50_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int i = old.householdId.indexOf(rs.getLong(1));
                    if (i < 0) return null;
                    long grid = rs.getLong(2);
                    if (old.householdGrid.get(i) == grid) continue;
                    at.add(i);
                    to.add(grid);
                }
            }
        }
        int[] where = at.toArray();
        IdColumn householdGrid = where.length == 0 ? old.householdGrid
                : old.householdGrid.with(where, to.stream().mapToLong(Long::longValue).toArray());
        return old.withGrids(grids, staff, householdGrid);
    }
}
