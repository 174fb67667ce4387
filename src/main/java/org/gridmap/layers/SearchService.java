package org.gridmap.layers;

import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.gridmap.db.Sql;

/** Finds villages, grids and facilities by code or name (the statement is {@link FeatureSql#search}). */
public final class SearchService {
    /** The most answers one search gives: a list to pick from, not a listing. */
    static final int LIMIT = 20;
    private final DataSource db;

    public SearchService(DataSource db) { this.db = db; }

    List<FeatureSql.SearchHit> find(String text) throws SQLException {
        FeatureSql.Statement s = FeatureSql.search(text, LIMIT);
        return Sql.read(db, c -> Sql.query(c, s.sql(), FeatureSql.SEARCH_HIT, s.params().toArray()));
    }
}
