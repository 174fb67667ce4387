package org.gridmap.hazards;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gridmap.db.Database;
import org.gridmap.testing.TestPostgis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The database keeps its own copies of the hazard words where a rule must hold for every client (CHECKs, the
 * closures view; the lifecycle function is checked by
 * {@code HazardsApiTest}); each must equal {@link HazardVocabulary}, the one definition. The
 * database is asked for what it holds now (its own rendering of the constraint and the view), not the migration
 * text, so a later migration that changes either is checked too.
 */
class HazardWordsInDatabaseTest {
    private static final Pattern WORD = Pattern.compile("'([a-z_]+)'::text");
    static Database db;

    @BeforeAll
    static void start() { db = new Database(TestPostgis.newMigratedDatabase(), 2); }

    @AfterAll
    static void stop() { db.close(); }

    @Test
    void theOpenStatusesThatCloseRoadsAreTheJavaOnes() throws Exception {
        String view = text("SELECT pg_get_viewdef('hazard_road_closures'::regclass)");
        String where = view.substring(view.toLowerCase().indexOf("where"));
        assertThat(words(where.substring(where.indexOf("status")))).containsExactlyElementsOf(HazardVocabulary.OPEN);
    }

    @Test
    void theStatusesTypesAndGradesTheDatabaseAcceptsAreTheJavaOnes() throws Exception {
        assertThat(words(check("status"))).containsExactlyElementsOf(HazardVocabulary.STATUSES.keySet());
        assertThat(words(check("type"))).containsExactlyElementsOf(HazardVocabulary.TYPES.keySet());
        assertThat(words(check("grade"))).containsExactlyElementsOf(HazardVocabulary.GRADES.keySet());
        assertThat(text("SELECT column_default FROM information_schema.columns "
                + "WHERE table_name = 'hazards' AND column_name = 'status'")).isEqualTo("'" + HazardVocabulary.FIRST_STATUS + "'::text");
    }

    /** The CHECK constraint of the hazards table on one column, as the database renders it. */
    private static String check(String column) throws Exception {
        return text("SELECT pg_get_constraintdef(c.oid) FROM pg_constraint c JOIN pg_attribute a "
                + "ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey) WHERE c.conrelid = 'hazards'::regclass "
                + "AND c.contype = 'c' AND a.attname = '" + column + "'");
    }

    private static List<String> words(String sql) {
        List<String> out = new ArrayList<>();
        Matcher m = WORD.matcher(sql);
        while (m.find()) out.add(m.group(1));
        return out;
    }

    private static String text(String sql) throws Exception {
        try (Connection c = db.connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            String v = rs.getString(1);
            assertThat(rs.next()).as("one row: " + sql).isFalse();
            return v;
        }
    }
}
