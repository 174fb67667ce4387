package org.gridmap.errands;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.gridmap.accounts.Role;
import org.gridmap.accounts.User;
import org.gridmap.db.Sql;
import org.gridmap.http.ApiException;
import org.gridmap.layers.TileCoord;

/**
 * Errands on the map, on the errands' clock: the public per-grid counts, the staff's own errands one by one, and
 * the path one errand took. Overdue is judged at the clock's now, the same rule as the errand lists; nothing here
 * is cached, since time alone makes an errand overdue.
 */
public final class ErrandMapService {
    private final DataSource db;
    private final ErrandService errands;

    public ErrandMapService(DataSource db, ErrandService errands) {
        this.db = db;
        this.errands = errands;
    }

    /** Per grid with open errands: open and overdue counts, as GeoJSON text. */
    public String grids(String village) throws SQLException {
        return Sql.read(db, c -> {
            if (village != null) ErrandService.requireVillage(c, village);
            return ErrandMapSql.gridsGeoJson(c, errands.now(), village);
        });
    }

    public byte[] gridsTile(TileCoord tile) throws SQLException {
        return Sql.read(db, c -> ErrandMapSql.gridsTile(c, tile, errands.now()));
    }

    /** The open errands {@code by} may see, each at its holder's place, as GeoJSON text; nothing of the resident. */
    public String open(String village, User by) throws SQLException {
        return Sql.read(db, c -> {
            if (village != null) ErrandService.requireVillage(c, village);
            return ErrandMapSql.openGeoJson(c, errands.now(), village, scope(by));
        });
    }

    public byte[] openTile(TileCoord tile, User by) throws SQLException {
        return Sql.read(db, c -> ErrandMapSql.openTile(c, tile, errands.now(), scope(by)));
    }

    /** Where the errand went and when, for those who may read it (the holder, earlier holders, the grid leader, admins). */
    public ErrandMap.Path path(String number, User by) throws SQLException {
        return Sql.read(db, c -> {
            Errands.Errand e = ErrandSql.errand(c, number, false).orElseThrow(() -> ErrandService.notFound(number));
            if (!ErrandService.maySeePersonal(c, e, by)) {
                throw ApiException.forbidden("Errand " + number + " is readable only by those who hold, held or supervise it.")
                        .says("errands.personal_forbidden", Map.of("number", number));
            }
            Instant now = errands.now();
            List<Errands.Handoff> hs = ErrandSql.handoffs(c, e.id());
            return new ErrandMap.Path(e, ErrandMapSql.places(c, e.id()), hs, ErrandService.overdue(e, hs, now), now);
        });
    }

    private static ErrandMap.Scope scope(User by) {
        return new ErrandMap.Scope(by.role() == Role.ADMIN, by.id());
    }
}
