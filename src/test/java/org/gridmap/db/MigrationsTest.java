package org.gridmap.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gridmap.testing.TestPostgis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MigrationsTest {
    static Database db;

    @BeforeAll
    static void migrateEmptyDatabase() {
        db = new Database(TestPostgis.newEmptyDatabase(), 2);
        assertThat(db.migrate().migrationsExecuted).isGreaterThanOrEqualTo(2);
    }

    @AfterAll
    static void close() { db.close(); }

    @Test
    void secondMigrationIsANoOp() {
        assertThat(db.migrate().migrationsExecuted).isZero();
    }

    @Test
    void everyGeometryColumnIs4326WithAGistIndex() throws SQLException {
        // the one exception: the basemap's shapes simplified ahead for tiles are kept in tile space (V25)
        Map<String, Integer> tileSpace = Map.of("basemap_shapes", 3857);
        List<String> columns = new ArrayList<>();
        try (Connection c = db.connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("""
                 SELECT f_table_name, srid,
                        EXISTS (SELECT 1 FROM pg_indexes i WHERE i.tablename = f_table_name
                                AND i.indexdef ~* ('USING gist \\((.*, )?' || quote_ident(f_geometry_column) || '\\)')) AS indexed
                 FROM geometry_columns WHERE f_table_schema = 'public' ORDER BY 1""")) {
            while (rs.next()) {
                columns.add(rs.getString(1));
                assertThat(rs.getInt(2)).as(rs.getString(1) + " SRID").isEqualTo(tileSpace.getOrDefault(rs.getString(1), 4326));
                assertThat(rs.getBoolean(3)).as(rs.getString(1) + " has a GiST index").isTrue();
            }
        }
        assertThat(columns).contains("towns", "villages", "grids", "facilities", "roads", "road_nodes", "households", "hazards");
    }

    @Test
    void pgRoutingIsAvailable() throws SQLException {
        try (Connection c = db.connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT extname FROM pg_extension WHERE extname = 'pgrouting'")) {
            assertThat(rs.next()).isTrue();
        }
    }

    @Test
    void aGridOutsideItsVillageIsRefusedAtCommit() throws SQLException {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                insertTownAndVillage(s, "500107109000", "500107109204");
                s.execute("""
                    INSERT INTO grids (code, village_id, name, kind, geom)
                    SELECT '500107109204001', id, 'g', 'rural',
                           ST_Multi(ST_GeomFromText('POLYGON((106.35 29.35,106.37 29.35,106.37 29.36,106.35 29.36,106.35 29.35))', 4326))
                    FROM villages WHERE code = '500107109204'""");
            }
            assertThatThrownBy(c::commit).isInstanceOf(SQLException.class).hasMessageContaining("outside its village");
        }
        assertThat(count("grids")).isZero();
        assertThat(count("villages")).isZero();
    }

    @Test
    void overlappingGridsAndFacilitiesOutsideTheirGridAreRefused() throws SQLException {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                insertTownAndVillage(s, "500107109000", "500107109204");
                s.execute(gridSql("500107109204001", "106.341 29.351,106.345 29.351,106.345 29.355,106.341 29.355,106.341 29.351"));
                s.execute(gridSql("500107109204002", "106.344 29.351,106.348 29.351,106.348 29.355,106.344 29.355,106.344 29.351"));
            }
            assertThatThrownBy(c::commit).isInstanceOf(SQLException.class).hasMessageContaining("overlaps");
        }
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                insertTownAndVillage(s, "500107109000", "500107109204");
                s.execute(gridSql("500107109204001", "106.341 29.351,106.345 29.351,106.345 29.355,106.341 29.355,106.341 29.351"));
                s.execute("""
                    INSERT INTO facilities (code, level, name, grid_id, geom)
                    SELECT '500107109204001P01', 'point', 'p', id, ST_SetSRID(ST_MakePoint(106.349, 29.352), 4326)
                    FROM grids WHERE code = '500107109204001'""");
            }
            assertThatThrownBy(c::commit).isInstanceOf(SQLException.class).hasMessageContaining("outside its unit");
        }
        assertThat(count("grids")).isZero();
        assertThat(count("facilities")).isZero();
    }

    @Test
    void codesAreUniqueAndWellFormed() throws SQLException {
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute("INSERT INTO towns (code, name, geom) VALUES ('12345', 'x', "
                    + "ST_Multi(ST_GeomFromText('POLYGON((106 29,106.1 29,106.1 29.1,106 29))', 4326)))"))
                    .hasMessageContaining("towns_code_check");
        }
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                insertTownAndVillage(s, "500107109000", "500107109204");
                assertThatThrownBy(() -> s.execute("INSERT INTO villages (code, town_id, name, kind, geom) "
                        + "SELECT '500107109204', town_id, 'dup', 'village', geom FROM villages"))
                        .hasMessageContaining("villages_code_key");
            }
            c.rollback();
        }
    }

    private static void insertTownAndVillage(Statement s, String town, String village) throws SQLException {
        s.execute("INSERT INTO towns (code, name, geom) VALUES ('" + town + "', '陶家镇', "
                + "ST_Multi(ST_GeomFromText('POLYGON((106.34 29.35,106.36 29.35,106.36 29.37,106.34 29.37,106.34 29.35))', 4326)))");
        s.execute("INSERT INTO villages (code, town_id, name, kind, geom) SELECT '" + village + "', id, '白果村', 'village', "
                + "ST_Multi(ST_GeomFromText('POLYGON((106.34 29.35,106.35 29.35,106.35 29.36,106.34 29.36,106.34 29.35))', 4326)) "
                + "FROM towns WHERE code = '" + town + "'");
    }

    private static String gridSql(String code, String ring) {
        return "INSERT INTO grids (code, village_id, name, kind, geom) SELECT '" + code + "', id, 'g', 'rural', "
                + "ST_Multi(ST_GeomFromText('POLYGON((" + ring + "))', 4326)) FROM villages WHERE code = '" + code.substring(0, 12) + "'";
    }

    private static long count(String table) throws SQLException {
        try (Connection c = db.connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
