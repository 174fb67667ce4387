package org.gridmap.dashboard;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.gridmap.visits.Visits;

/**
 * One figure of the work dashboard, shown per unit (each village, or each grid of one village) for a month, and
 * exported as columns of the town office's table. A new figure (reports on time, open cases by age) is one more
 * implementation, added to the list {@code GridmapServer} gives {@link DashboardService}; rows, JSON and exports
 * follow from its fields.
 */
public interface DashboardColumn {
    /** The key of the figure in each row's JSON, e.g. {@code visits}. */
    String id();

    List<Field> fields();

    /**
     * The values for the month, one list (in the order of {@link #fields()}) per unit code: the villages' codes
     * when {@code village} is null, else the codes of that village's grids. A unit without values may be absent.
     */
    Map<String, List<Object>> values(Connection c, Visits.Month month, String village) throws SQLException;

    /** A field of a figure: its key, its column headings, and whether it is a share (a fraction, shown as %). */
    record Field(String id, String zh, String en, boolean share) { }
}
