package org.gridmap.dashboard;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.gridmap.db.Sql;
import org.gridmap.http.ApiException;
import org.gridmap.visits.Visits;

/** Builds the dashboard's table from its columns in one read (one snapshot for every figure). */
public final class DashboardService {
    private final DataSource db;
    private final List<DashboardColumn> columns;

    public DashboardService(DataSource db, List<DashboardColumn> columns) {
        this.db = db;
        this.columns = List.copyOf(columns);
    }

    public List<DashboardColumn> columns() { return columns; }

    public Dashboard.Table table(Visits.Month month, String village) throws SQLException {
        return Sql.inTransaction(db, c -> {
            // one snapshot, so a visit recorded meanwhile cannot make two figures of a row disagree
            Sql.update(c, "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            if (village != null && DashboardSql.village(c, village).isEmpty()) {
                throw ApiException.notFound("No village with code '" + village + "'.").says("visits.no_village", Map.of("village", village));
            }
            List<Dashboard.Unit> units = DashboardSql.units(c, village);
            Map<String, Map<String, List<Object>>> byColumn = new LinkedHashMap<>();
            for (DashboardColumn col : columns) byColumn.put(col.id(), col.values(c, month, village));
            List<Dashboard.Row> rows = new ArrayList<>();
            for (Dashboard.Unit u : units) {
                Map<String, List<Object>> figures = new LinkedHashMap<>();
                for (DashboardColumn col : columns) {
                    List<Object> v = byColumn.get(col.id()).get(u.code());
                    figures.put(col.id(), v != null ? v : Arrays.asList(new Object[col.fields().size()]));
                }
                rows.add(new Dashboard.Row(u, figures));
            }
            return new Dashboard.Table(month, village, columns, rows);
        });
    }
}
