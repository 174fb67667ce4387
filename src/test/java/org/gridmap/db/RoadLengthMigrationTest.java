package org.gridmap.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.gridmap.testing.TestPostgis;
import org.junit.jupiter.api.Test;

/** V10 gives databases loaded with spherical road lengths the ellipsoidal ones, and touches no other road. */
class RoadLengthMigrationTest {

    @Test
    void sphericalLengthsAreRemeasuredOnTheEllipsoid() throws Exception {
        String v10;
        try (var in = getClass().getResourceAsStream("/db/migration/V10__ellipsoidal_road_lengths.sql")) {
            v10 = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Database db = new Database(TestPostgis.newDemoDatabase(), 2);
             Connection c = db.connection(); Statement s = c.createStatement()) {
            s.execute("UPDATE roads SET length_m = length_m + 1 WHERE id % 50 = 0");   // as if measured on the old sphere
            int changed = s.executeUpdate(v10.replaceAll("(?m)^--.*$", ""));
            try (ResultSet rs = s.executeQuery("SELECT count(*) FILTER (WHERE id % 50 = 0) AS off, count(*) AS n, "
                    + "max(abs(length_m - ST_Length(geom::geography))) AS worst FROM roads")) {
                rs.next();
                assertThat(changed).isEqualTo(rs.getInt("off"));
                assertThat(rs.getDouble("worst")).isLessThan(0.01);
            }
        }
    }
}
