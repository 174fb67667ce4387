package org.gridmap.importer;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;

/** The Taojia demo town, packed into the program from {@code data/taojia}, loaded once into an empty database. */
public final class DemoData {
    public static final String CLASSPATH_FOLDER = "/demo/taojia";

    private DemoData() { }

    /** Returns true when it loaded the town, false when the database already had towns (data is never replaced). */
    public static boolean loadIfEmpty(DataSource db, PrintStream out) throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM towns")) {
            rs.next();
            if (rs.getLong(1) > 0) {
                out.println("the database already holds " + rs.getLong(1) + " town(s); the demo town is not loaded again");
                return false;
            }
        }
        out.println("loading the Taojia demo town ...");
        var summary = new GeoJsonSetImporter(db).importSet(FeatureFiles.classpath(CLASSPATH_FOLDER), new ConsoleProgress(out));
        out.println("loaded " + summary);
        int heads = new org.gridmap.errands.PositionService(db).createDemoHeads();
        out.println(heads + " errand positions: the head of every village station and of every window at the center");
        return true;
    }
}
