package org.gridmap.dashboard;

import java.util.List;
import java.util.Map;
import org.gridmap.visits.Visits;

/** The values of the work dashboard. */
public final class Dashboard {
    private Dashboard() { }

    /** A village or a grid; {@code nameEn} where the data has one. */
    public record Unit(String code, String name, String nameEn) { }

    /** One unit's figures: per column id, the values in the order of its fields (null where it has none). */
    public record Row(Unit unit, Map<String, List<Object>> figures) { }

    /** The month's table: villages ({@code village} null) or the grids of one village. */
    public record Table(Visits.Month month, String village, List<DashboardColumn> columns, List<Row> rows) {
        public String level() { return village == null ? "village" : "grid"; }
    }
}
