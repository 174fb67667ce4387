package org.gridmap.visits;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridmap.dashboard.DashboardColumn;

/** The dashboard's visit completion: households visited in the month, households of today, the share. */
public final class VisitColumn implements DashboardColumn {
    private static final List<Field> FIELDS = List.of(new Field("visited", "已走访户数", "households visited", false),
            new Field("total", "总户数", "households", false), new Field("share", "走访完成率", "visited share", true));

    @Override public String id() { return "visits"; }

    @Override public List<Field> fields() { return FIELDS; }

    @Override
    public Map<String, List<Object>> values(Connection c, Visits.Month month, String village) throws SQLException {
        Map<String, List<Object>> out = new LinkedHashMap<>();
        for (Visits.UnitCompletion u : VisitSql.completionByUnit(c, month.first(), village)) {
            Double share = u.total() == 0 ? null : (double) u.visited() / u.total();
            out.put(u.code(), Arrays.asList(u.visited(), u.total(), share));
        }
        return out;
    }
}
