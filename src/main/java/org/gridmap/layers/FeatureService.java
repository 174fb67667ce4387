package org.gridmap.layers;

import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.gridmap.db.Sql;

/** Pages of features and single features as GeoJSON text, made by the database (statements in {@link FeatureSql}). */
public final class FeatureService {
    private final DataSource db;
    private final MatchCounts counts;

    public FeatureService(DataSource db, MatchCounts counts) {
        this.db = db;
        this.counts = counts;
    }

    /** One page: the features as a comma-separated list of GeoJSON objects, how many there are, how many match. */
    record Page(String features, int returned, long matched) { }

    Page items(Layer l, FeatureQuery q) throws SQLException {
        return Sql.read(db, c -> {
            FeatureSql.Statement page = FeatureSql.itemsPage(l, q);
            record Rows(String features, int returned) { }
            Rows rows = Sql.one(c, page.sql(), rs -> new Rows(rs.getString("features"), rs.getInt("returned")),
                    page.params().toArray()).orElseThrow();
            // Counting costs a second query: a short last page tells the count for free, and a count
            // already made for the same query (another page of it) is reused until the data changes.
            Long known = counts.get(l, q);
            long matched;
            if (rows.returned() < q.limit() && (rows.returned() > 0 || q.offset() == 0)) {
                matched = q.offset() + rows.returned();
            } else if (known != null) {
                matched = known;
            } else {
                long generation = counts.generation();
                FeatureSql.Statement count = FeatureSql.count(l, q);
                matched = Sql.one(c, count.sql(), rs -> rs.getLong("matched"), count.params().toArray()).orElseThrow();
                counts.put(l, q, matched, generation);
            }
            return new Page(rows.features(), rows.returned(), matched);
        });
    }

    /** One feature as GeoJSON text, if the layer has it. */
    Optional<String> item(Layer l, long id, Crs crs) throws SQLException {
        FeatureSql.Statement s = FeatureSql.item(l, id, crs);
        return Sql.read(db, c -> Sql.one(c, s.sql(), rs -> rs.getString("feature"), s.params().toArray()));
    }
}
