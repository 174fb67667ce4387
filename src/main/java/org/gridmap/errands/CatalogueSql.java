package org.gridmap.errands;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.gridmap.db.Sql;

/**
 * The SQL of editing the catalogue (the public reads are {@link ErrandSql}'s). Table names come from
 * {@link CatalogueEntries.Kind}, never from input. The database bumps {@code version} on every update (V15).
 */
final class CatalogueSql {
    private CatalogueSql() { }

    static final Sql.Row<CatalogueEntries.Unit> UNIT = rs -> new CatalogueEntries.Unit(rs.getLong("id"),
            rs.getString("code"), rs.getString("name"), rs.getString("name_en"),
            rs.getObject("position") == null ? null : rs.getInt("position"), rs.getLong("version"),
            ErrandSql.instant(rs, "retired_at"));

    static final Sql.Row<CatalogueEntries.Item> ITEM = rs -> new CatalogueEntries.Item(rs.getLong("id"),
            rs.getString("code"), rs.getString("name"), rs.getString("name_en"), rs.getString("window_code"),
            rs.getString("department_code"), rs.getInt("processing_days"),
            Arrays.asList((String[]) rs.getArray("documents").getArray()), rs.getLong("version"),
            ErrandSql.instant(rs, "retired_at"));

    private static String unitColumns(CatalogueEntries.Kind k) {
        return "SELECT id, code, name, name_en, " + (k == CatalogueEntries.Kind.WINDOWS ? "position" : "NULL::integer AS position")
                + ", version, retired_at FROM " + k.table;
    }

    static List<CatalogueEntries.Unit> units(Connection c, CatalogueEntries.Kind k) throws SQLException {
        return Sql.query(c, unitColumns(k) + " ORDER BY " + (k == CatalogueEntries.Kind.WINDOWS ? "position" : "code"), UNIT);
    }

    static Optional<CatalogueEntries.Unit> unit(Connection c, CatalogueEntries.Kind k, String code, boolean lock)
            throws SQLException {
        return Sql.one(c, unitColumns(k) + " WHERE code = ?" + (lock ? " FOR UPDATE" : ""), UNIT, code);
    }

    static List<CatalogueEntries.Item> items(Connection c) throws SQLException {
        return Sql.query(c, "SELECT * FROM errand_items ORDER BY window_code, code", ITEM);
    }

    static Optional<CatalogueEntries.Item> item(Connection c, String code, boolean lock) throws SQLException {
        return Sql.one(c, "SELECT * FROM errand_items WHERE code = ?" + (lock ? " FOR UPDATE" : ""), ITEM, code);
    }

    /** Is the entry of that type ({@code window}, {@code department}, {@code item}) retired? */
    static boolean retired(Connection c, String type, String code) throws SQLException {
        String table = switch (type) {
            case "window" -> "errand_windows";
            case "department" -> "errand_departments";
            default -> "errand_items";
        };
        return Sql.one(c, "SELECT 1 AS yes FROM " + table + " WHERE code = ? AND retired_at IS NOT NULL", rs -> true, code)
                .isPresent();
    }

    static void insertWindow(Connection c, CatalogueEntries.Change w) throws SQLException {
        Sql.update(c, "INSERT INTO errand_windows (code, name, name_en, position) VALUES (?, ?, ?, "
                + "coalesce(?, (SELECT coalesce(max(position), 0) + 1 FROM errand_windows)))", w.code(), w.name(),
                w.nameEn(), w.position());
    }

    static void insertDepartment(Connection c, CatalogueEntries.Change d) throws SQLException {
        Sql.update(c, "INSERT INTO errand_departments (code, name, name_en) VALUES (?, ?, ?)", d.code(), d.name(), d.nameEn());
    }

    static void insertItem(Connection c, CatalogueEntries.Change i) throws SQLException {
        Sql.update(c, "INSERT INTO errand_items (code, name, name_en, window_code, department_code, processing_days, "
                + "documents) VALUES (?, ?, ?, ?, ?, ?, ?)", i.code(), i.name(), i.nameEn(), i.windowCode(),
                i.departmentCode(), i.processingDays(), i.documents().toArray(String[]::new));
    }

    static void updateUnit(Connection c, CatalogueEntries.Kind k, CatalogueEntries.Unit u) throws SQLException {
        if (k == CatalogueEntries.Kind.WINDOWS) {
            Sql.update(c, "UPDATE errand_windows SET name = ?, name_en = ?, position = ?, retired_at = ? WHERE code = ?",
                    u.name(), u.nameEn(), u.position(), u.retiredAt(), u.code());
        } else {
            Sql.update(c, "UPDATE errand_departments SET name = ?, name_en = ?, retired_at = ? WHERE code = ?",
                    u.name(), u.nameEn(), u.retiredAt(), u.code());
        }
    }

    static void updateItem(Connection c, CatalogueEntries.Item i) throws SQLException {
        Sql.update(c, "UPDATE errand_items SET name = ?, name_en = ?, window_code = ?, department_code = ?, "
                + "processing_days = ?, documents = ?, retired_at = ? WHERE code = ?", i.name(), i.nameEn(), i.windowCode(),
                i.departmentCode(), i.processingDays(), i.documents().toArray(String[]::new), i.retiredAt(), i.code());
    }

    /** How many errands, items (that are not retired, when {@code activeOnly}) and positions name the entry. */
    static long uses(Connection c, CatalogueEntries.Kind k, String code, boolean activeOnly) throws SQLException {
        String active = activeOnly ? " AND retired_at IS NULL" : "";
        String sql = switch (k) {
            case ITEMS -> "SELECT count(*) AS n FROM errands WHERE item_code = ?";
            case WINDOWS -> "SELECT (SELECT count(*) FROM errand_items WHERE window_code = ?" + active + ") "
                    + "+ (SELECT count(*) FROM errand_positions WHERE window_code = ?) AS n";
            case DEPARTMENTS -> "SELECT count(*) AS n FROM errand_items WHERE department_code = ?" + active;
        };
        Object[] params = k == CatalogueEntries.Kind.WINDOWS ? new Object[] {code, code} : new Object[] {code};
        return Sql.one(c, sql, rs -> rs.getLong("n"), params).orElse(0L);
    }

    static boolean delete(Connection c, CatalogueEntries.Kind k, String code) throws SQLException {
        return Sql.update(c, "DELETE FROM " + k.table + " WHERE code = ?", code) == 1;
    }

}
