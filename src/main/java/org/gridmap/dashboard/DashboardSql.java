package org.gridmap.dashboard;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.gridmap.db.Sql;

/** The dashboard's own SQL: the units its rows are about. */
final class DashboardSql {
    private DashboardSql() { }

    static final Sql.Row<Dashboard.Unit> UNIT = rs -> new Dashboard.Unit(rs.getString("code"), rs.getString("name"),
            rs.getString("name_en"));

    /** Every village, or every grid of one village, by code. */
    static List<Dashboard.Unit> units(Connection c, String village) throws SQLException {
        if (village == null) return Sql.query(c, "SELECT code, name, name_en FROM villages ORDER BY code", UNIT);
        return Sql.query(c, """
                SELECT g.code, g.name, NULL AS name_en FROM grids g JOIN villages v ON v.id = g.village_id
                WHERE v.code = ? ORDER BY g.code""", UNIT, village);
    }

    static Optional<Dashboard.Unit> village(Connection c, String code) throws SQLException {
        return Sql.one(c, "SELECT code, name, name_en FROM villages WHERE code = ?", UNIT, code);
    }
}
