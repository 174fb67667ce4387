package org.gridmap.visits;

import org.gridmap.accounts.SessionStore;

/**
 * The vector tiles of visits. Both take the tile's z, x, y twice and z once (as {@code layers.FeatureSql.tile}),
 * then their own parameters; values always travel as bind parameters.
 */
final class VisitTileSql {
    private VisitTileSql() { }

    /** How long one logged map view of a grid's unvisited households covers its reader's further tiles. */
    static final int LOG_MINUTES = 10;

    private static final String BOUNDS = """
            WITH bounds AS (SELECT ST_TileEnvelope(?, ?, ?) AS env,
                                   ST_Transform(ST_TileEnvelope(?, ?, ?, margin => 64.0 / 4096), 4326) AS env4326, ?::int AS z)""";

    /**
     * Every grid in the tile with its month's completion (layer {@code visit_completion}): code, name, village,
     * visited, total and share (absent for a grid without households). Then: the month's first day.
     */
    static final String COMPLETION = BOUNDS + """
            SELECT coalesce((SELECT ST_AsMVT(q, 'visit_completion', 4096, 'geom', 'id') FROM (
                SELECT g.id, g.code, g.name, v.code AS village, coalesce(t.households, 0) AS total,
                       coalesce(m.visited, 0) AS visited,
                       CASE WHEN t.households > 0 THEN round(coalesce(m.visited, 0)::numeric / t.households, 3)::float8 END AS share,
                       ST_AsMVTGeom(ST_Transform(ST_Simplify(g.geom, 180.0 / (4096 * 2 ^ b.z)), 3857), b.env, 4096, 64, true) AS geom
                FROM grids g JOIN villages v ON v.id = g.village_id
                     LEFT JOIN grid_household_counts t ON t.grid_id = g.id
                     LEFT JOIN visit_grid_months m ON m.grid_id = g.id AND m.month = ?, bounds b
                WHERE g.geom && b.env4326) q WHERE q.geom IS NOT NULL), ''::bytea) AS tile""";

    /** The unvisited households of one grid in the tile, in one order (so a tile's bytes are the same each time). */
    private static final String UNVISITED_ROWS = """
            SELECT h.id, h.members,
                   (SELECT count(*) FROM visits x WHERE x.household_id = h.id AND x.visited_at >= ? AND x.visited_at < ?) AS attempts,
                   ST_AsMVTGeom(ST_Transform(h.geom, 3857), b.env, 4096, 64, true) AS geom
            FROM households h, bounds b
            WHERE h.grid_id = %s AND h.geom && b.env4326
              AND NOT EXISTS (SELECT 1 FROM visit_household_months m WHERE m.household_id = h.id AND m.month = ?)
            ORDER BY h.id""";

    /**
     * Who the reader is (the session of the token, {@link SessionStore#READER}) and whether they may see the grid:
     * an admin, or staff linked to it or at its village's station. Then: token hash, grid, the admin role, the staff role.
     */
    private static final String READER_ALLOWED = """
            reader AS (""" + SessionStore.READER + """
            ),
            allowed AS (SELECT g.id, g.code, r.id AS user_id FROM grids g, reader r WHERE g.id = ?
                              AND (r.role = ? OR (r.role = ? AND (
                                       EXISTS (SELECT 1 FROM staff s WHERE s.grid_id = g.id AND s.user_id = r.id)
                                       OR EXISTS (SELECT 1 FROM errand_position_scopes ps WHERE ps.kind = 'station'
                                                  AND ps.account_id = r.id AND ps.village_id = g.village_id)))))""";

    /** The grid's change number (V30): the same number, the same unvisited households. */
    private static final String REVISION = "coalesce((SELECT u.revision FROM unvisited_revisions u, allowed a WHERE u.grid_id = a.id), 0)";

    /**
     * The read logged in {@code visit_data_reads} unless this reader's view of the grid and month was logged in the
     * last {@link #LOG_MINUTES} minutes, and only when {@code condition} holds; {@code cover} is when the view's log
     * row was read (the one written now, else the latest in the window; null when none: then a node may not vouch
     * that a further read is logged). Then: month's first day, read at.
     */
    private static String logged(String households, String condition) {
        return """
            reading AS (SELECT ?::date AS month, ?::timestamptz AS at),
            earlier AS (SELECT max(d.read_at) AS read_at FROM visit_data_reads d, allowed a, reading r
                        WHERE d.user_id = a.user_id AND d.grid_code = a.code AND d.month = r.month
                          AND d.purpose = 'unvisited households map'
                          AND d.read_at > r.at - interval '{minutes} minutes' AND d.read_at <= r.at),
            logged AS (INSERT INTO visit_data_reads (user_id, grid_code, month, households, read_at, purpose)
                       SELECT a.user_id, a.code, r.month, %s, r.at, 'unvisited households map'
                       FROM allowed a, reading r
                       WHERE %s AND (SELECT read_at FROM earlier) IS NULL
                       RETURNING read_at),
            cover AS (SELECT coalesce((SELECT read_at FROM logged), (SELECT read_at FROM earlier)) AS logged_at)""".formatted(households, condition).replace("{minutes}", String.valueOf(LOG_MINUTES));
    }

    /**
     * The layer {@code unvisited} as the staff read it, in one statement (so one round trip and its own
     * transaction): the reader, whether they may see the grid, the tile, the read logged and the grid's change
     * number, all in one snapshot. A map view fetches a dozen tiles at once and more as it pans: the view is logged
     * once per reader, grid and month in {@link #LOG_MINUTES} minutes (by its first tile, with the households that
     * tile showed), so the log says who looked at which grid when, without a row and a flushed commit per tile.
     * The answer names the reader (none: no live session), {@code allowed} (0 when the reader may not; then
     * nothing is logged and the tile is empty), the households shown and the change number. Then: token hash,
     * grid, the admin role, the staff role; month start, end; month's first day; month's first day, read at.
     */
    static final String UNVISITED = BOUNDS + ", " + READER_ALLOWED + """
            ,
            q AS (""" + UNVISITED_ROWS.formatted("(SELECT id FROM allowed)") + """
            ),
            shown AS (SELECT count(*) AS n FROM q WHERE q.geom IS NOT NULL),
            """ + logged("(SELECT n FROM shown)", "true") + """

            SELECT r.id, r.username, r.role, r.session_left, (SELECT count(*) FROM allowed) AS allowed,
                   (SELECT n FROM shown) AS households, {revision} AS revision, (SELECT logged_at FROM cover) AS logged_at,
                   coalesce((SELECT ST_AsMVT(q, 'unvisited', 4096, 'geom', 'id') FROM q WHERE q.geom IS NOT NULL), ''::bytea) AS tile
            FROM (SELECT 1) one LEFT JOIN reader r ON true""".replace("{revision}", REVISION);

    /**
     * A tile this node keeps, asked again: the reader, whether they may see the grid, and the grid's change number
     * now; the read is logged (as {@link #UNVISITED} does, with the households the kept tile shows) only when the
     * number is still the kept tile's, since otherwise the tile is rendered again by {@link #UNVISITED}, which logs.
     * Then: token hash, grid, the admin role, the staff role; month's first day, read at; households shown; the
     * kept tile's change number.
     */
    static final String UNVISITED_AGAIN = "WITH " + READER_ALLOWED + ", now AS (SELECT " + REVISION + " AS revision), "
            + logged("?::int", "(SELECT revision FROM now) = ?") + """

            SELECT r.id, r.username, r.role, r.session_left, (SELECT count(*) FROM allowed) AS allowed, 0 AS households,
                   (SELECT revision FROM now) AS revision, (SELECT logged_at FROM cover) AS logged_at, NULL::bytea AS tile
            FROM (SELECT 1) one LEFT JOIN reader r ON true""";

    /** The same tile without the reader's check and the log: the benchmark's baseline. Then: month start, end, grid, first day. */
    static final String UNVISITED_RAW = BOUNDS + """
            , q AS (""" + UNVISITED_ROWS.formatted("?") + """
            )
            SELECT coalesce((SELECT ST_AsMVT(q, 'unvisited', 4096, 'geom', 'id') FROM q WHERE q.geom IS NOT NULL), ''::bytea) AS tile""";
}
