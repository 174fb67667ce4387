package org.gridmap.cases;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import org.gridmap.accounts.PasswordHasher;
import org.gridmap.accounts.Role;
import org.gridmap.accounts.UserStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A case belongs to the grid of its household (or, without one, of its place): a grid split over HTTP moves the
 * households of one part into a new grid, and their cases, open and closed, go with them in the edit's transaction
 * (a dry run moves nothing); who may write a case follows its grid, and reverting the split brings the cases back
 * to their grid and its leader. Expected grids come from the households' and grids' tables, not from the cases.
 */
class CasesFollowGridEditsTest {
    static WorkTown town;
    static String planner;

    @BeforeAll
    static void start() throws Exception {
        town = new WorkTown(Instant.parse("2026-11-10T02:00:00Z"));
        new UserStore(town.server.database().dataSource(), new PasswordHasher(4)).create("pl", Role.PLANNER,
                "pl-password-1".toCharArray());
        planner = town.login("pl", "pl-password-1");
    }

    @AfterAll
    static void stop() { town.close(); }

    @Test
    void casesFollowTheirHouseholdsAndPlacesThroughASplitAndItsRevert() throws Exception {
        long b = town.gridB;
        // the households at both ends of grid B (south and north): a line between them puts them in different parts
        long south = town.longs("SELECT id FROM households WHERE grid_id = " + b + " ORDER BY ST_Y(geom), id LIMIT 1")[0];
        long north = town.longs("SELECT id FROM households WHERE grid_id = " + b + " ORDER BY ST_Y(geom) DESC, id LIMIT 1")[0];
        long southCase = open(south, "opinion");
        long northCase = open(north, "opinion");
        long closedCase = open(south, "safety");
        for (String step : List.of("{\"status\":\"resolved\",\"version\":1}", "{\"status\":\"closed\",\"version\":2}")) {
            town.expect(200, "POST", "/api/cases/" + closedCase + "/status", step, town.leaderB);
        }
        // a case kept at a place, with no household (the column allows it): it follows the grid that covers the place
        long placeCase = town.longs("INSERT INTO cases (kind, grid_id, grid_code, village_id, title, owner_name, opened_at, due_at, "
                + "created_by, position) SELECT 'opinion', g.id, g.code, g.village_id, '路灯不亮', '测试', now(), now() + interval '7 days', "
                + "(SELECT id FROM users WHERE username = 'ad'), h.geom FROM households h JOIN grids g ON g.id = h.grid_id "
                + "WHERE h.id = " + south + " RETURNING id")[0];
        long closedVersion = version(closedCase);

        // a dry run does all the edit does, the cases' moves included, and keeps none of it
        String split = null;
        for (double at : new double[] {0.5, 0.35, 0.65, 0.2, 0.8}) {
            String body = splitBetween(b, south, north, at);
            HttpResponse<String> dry = town.send("POST", "/api/grids/" + b + "/split",
                    body.substring(0, body.length() - 1) + ",\"dryRun\":true}", planner, true);
            if (dry.statusCode() == 200) {
                split = body;
                break;
            }
        }
        assertThat(split).as("a straight line between the two households cuts grid B in two").isNotNull();
        assertThat(gridOf(southCase)).isEqualTo(b);
        assertThat(gridOf(northCase)).isEqualTo(b);
        assertThat(gridOf(placeCase)).isEqualTo(b);

        JsonNode done = town.expect(201, "POST", "/api/grids/" + b + "/split", split, planner);
        long created = 0;
        for (JsonNode g : done.get("grids")) if (g.get("status").asText().equals("created")) created = g.get("id").asLong();
        assertThat(created).isPositive();
        long southGrid = town.longs("SELECT grid_id FROM households WHERE id = " + south)[0];
        long northGrid = town.longs("SELECT grid_id FROM households WHERE id = " + north)[0];
        assertThat(List.of(southGrid, northGrid)).containsExactlyInAnyOrder(b, created);
        assertEveryCaseIsWhereItsHouseholdOrPlaceIs();
        long moved = southGrid == created ? southCase : northCase, stayed = moved == southCase ? northCase : southCase;
        assertThat(gridOf(moved)).isEqualTo(created);
        assertThat(gridOf(stayed)).isEqualTo(b);
        assertThat(gridOf(closedCase)).isEqualTo(southGrid);
        assertThat(gridOf(placeCase)).isEqualTo(southGrid);
        assertThat(town.longs("SELECT count(*) FROM cases WHERE id = " + closedCase + " AND status = 'closed' AND version = "
                + closedVersion)[0]).as("a closed case moves without a lifecycle step").isEqualTo(1);
        JsonNode seen = town.expect(200, "GET", "/api/cases/" + moved, null, town.admin);
        assertThat(seen.get("grid").get("code").asText()).isEqualTo(town.text("SELECT code FROM grids WHERE id = " + created));

        // the staff scope follows: B's leader no longer writes the moved case (reads it, standing for the village's
        // station), still writes the one that stayed; staff linked to the new grid write it and list it by grid
        town.expect(403, "POST", "/api/cases/" + moved + "/status", "{\"status\":\"in_progress\",\"version\":1}", town.leaderB);
        town.expect(200, "GET", "/api/cases/" + moved, null, town.leaderB);
        town.expect(200, "POST", "/api/cases/" + stayed + "/status", "{\"status\":\"in_progress\",\"version\":1}", town.leaderB);
        new UserStore(town.server.database().dataSource(), new PasswordHasher(4)).create("ln", Role.STAFF, "ln-password-1".toCharArray());
        town.exec("INSERT INTO staff (grid_id, role, name, user_id) VALUES (" + created + ", 'coordinator', '新网格员', "
                + "(SELECT id FROM users WHERE username = 'ln'))");
        String newStaff = town.login("ln", "ln-password-1");
        JsonNode listed = town.expect(200, "GET", "/api/cases?grid=" + created, null, newStaff);
        assertThat(listed.get("cases").toString()).contains("\"id\":" + moved + ",");
        town.expect(200, "POST", "/api/cases/" + moved + "/status", "{\"status\":\"in_progress\",\"version\":1}", newStaff);
        town.expect(403, "POST", "/api/cases/" + stayed + "/status", "{\"status\":\"resolved\",\"version\":2}", newStaff);

        // B gets a new leader (ln). Reverting the split (another edit) gives the households back to B and their cases
        // too; the one still being worked on goes to B's leader of now, the closed one keeps who closed it
        town.exec("DELETE FROM staff WHERE grid_id = " + created);
        town.exec("UPDATE staff SET user_id = (SELECT id FROM users WHERE username = 'ln') WHERE grid_id = " + b
                + " AND role = 'grid_leader'");
        town.expect(201, "POST", "/api/edits/" + done.get("editId").asLong() + "/revert", "{}", planner);
        assertEveryCaseIsWhereItsHouseholdOrPlaceIs();
        for (long k : List.of(southCase, northCase, closedCase, placeCase)) assertThat(gridOf(k)).as("case " + k).isEqualTo(b);
        String ln = "(SELECT id FROM users WHERE username = 'ln')", lb = "(SELECT id FROM users WHERE username = 'lb')";
        assertThat(town.longs("SELECT count(*) FROM cases WHERE id = " + moved + " AND owner_user_id = " + ln)[0]).isEqualTo(1);
        assertThat(town.longs("SELECT count(*) FROM cases WHERE id IN (" + stayed + ", " + closedCase + ") AND owner_user_id = " + lb)[0])
                .isEqualTo(2);
        town.expect(200, "POST", "/api/cases/" + moved + "/status", "{\"status\":\"resolved\",\"version\":2}", newStaff);
    }

    /** The oracle: each case's grid, code and village are those of its household's grid, or of the grid covering its place. */
    void assertEveryCaseIsWhereItsHouseholdOrPlaceIs() throws Exception {
        assertThat(town.longs("""
                SELECT count(*) FROM cases k JOIN households h ON h.id = k.household_id JOIN grids g ON g.id = h.grid_id
                WHERE (k.grid_id, k.grid_code, k.village_id) IS DISTINCT FROM (g.id, g.code, g.village_id)""")[0]).isZero();
        assertThat(town.longs("""
                SELECT count(*) FROM cases k WHERE k.household_id IS NULL AND k.grid_id <> (SELECT g.id FROM grids g
                WHERE ST_Covers(g.geom, k.position) ORDER BY g.code LIMIT 1)""")[0]).isZero();
    }

    /** A split line across grid B, at a share of the way from the south household to the north one, as {version, line}. */
    static String splitBetween(long grid, long south, long north, double share) throws Exception {
        String line = town.text("""
                SELECT ST_AsGeoJSON(ST_MakeLine(ST_MakePoint(ST_XMin(g.geom) - 0.001, y), ST_MakePoint(ST_XMax(g.geom) + 0.001, y)))
                FROM grids g, (SELECT ST_Y(a.geom) + (ST_Y(b.geom) - ST_Y(a.geom)) * %s AS y FROM households a, households b
                               WHERE a.id = %d AND b.id = %d) m WHERE g.id = %d""".formatted(share, south, north, grid));
        return "{\"version\":" + town.longs("SELECT version FROM grids WHERE id = " + grid)[0] + ",\"line\":" + line
                + ",\"message\":\"新小区\"}";
    }

    long open(long household, String kind) throws Exception {
        long visit = town.visit(household, town.leaderB);
        return town.expect(201, "POST", "/api/cases", "{\"visit_id\":" + visit + ",\"kind\":\"" + kind + "\",\"title\":\"见记录\"}",
                town.leaderB).get("id").asLong();
    }

    long gridOf(long caseId) throws Exception { return town.longs("SELECT grid_id FROM cases WHERE id = " + caseId)[0]; }

    long version(long caseId) throws Exception { return town.longs("SELECT version FROM cases WHERE id = " + caseId)[0]; }
}
