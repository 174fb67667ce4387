package org.gridmap.staff;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.gridmap.db.Sql;
import org.gridmap.http.ApiException;
import org.gridmap.vocabulary.Word;
import org.gridmap.staff.StaffSql.Card;
import org.gridmap.staff.StaffSql.Entry;
import org.gridmap.staff.StaffSql.Facility;
import org.gridmap.staff.StaffSql.Grid;
import org.gridmap.staff.StaffSql.Hazard;
import org.gridmap.staff.StaffSql.Where;

/**
 * The staff directory's reads and writes, each write one transaction. The database holds the one-person-per-standing-
 * role rule (a unique index), so two writers racing for the same role meet there: the loser gets {@code role_taken}
 * (409, as every taken unique value is), naming the holder.
 */
public final class StaffService {
    private final DataSource db;

    public StaffService(DataSource db) { this.db = db; }

    /** What a location answers: where it lies, whom to call, the facilities serving it and the hazards reaching it. */
    record Answer(Where where, List<Card> staff, List<Facility> facilities, List<Hazard> hazards) { }

    Optional<Grid> grid(String ref) throws SQLException { return Sql.read(db, c -> StaffSql.grid(c, ref)); }

    Optional<Entry> find(long id) throws SQLException { return Sql.read(db, c -> StaffSql.find(c, id)); }

    List<Card> cards(long gridId) throws SQLException { return Sql.read(db, c -> StaffSql.cards(c, gridId)); }

    Optional<Long> userId(String username) throws SQLException { return Sql.read(db, c -> StaffSql.userId(c, username)); }

    boolean userExists(long id) throws SQLException { return Sql.read(db, c -> StaffSql.userExists(c, id)); }

    /** Adds the entry; the stored entry comes back. */
    Entry create(Entry e) throws SQLException {
        return write(e, () -> Sql.inTransaction(db, c -> StaffSql.find(c, StaffSql.insert(c, e)).orElseThrow()));
    }

    /** Replaces the entry with {@code e} (same id); the stored entry comes back. */
    Entry update(Entry e) throws SQLException {
        return write(e, () -> Sql.inTransaction(db, c -> {
            StaffSql.update(c, e);
            return StaffSql.find(c, e.id()).orElseThrow(() -> notFound(e.id()));
        }));
    }

    boolean delete(long id) throws SQLException { return Sql.inTransaction(db, c -> StaffSql.delete(c, id)); }

    Optional<Answer> at(double lon, double lat) throws SQLException {
        return Sql.read(db, c -> {
            Optional<Where> w = StaffSql.where(c, lon, lat);
            if (w.isEmpty()) return Optional.empty();
            return Optional.of(new Answer(w.get(), StaffSql.cards(c, w.get().grid().id()),
                    StaffSql.facilities(c, lon, lat, w.get()), StaffSql.hazardsReaching(c, lon, lat)));
        });
    }

    boolean insideATown(double lon, double lat) throws SQLException { return Sql.read(db, c -> StaffSql.insideATown(c, lon, lat)); }

    static ApiException notFound(long id) {
        return ApiException.notFound("No staff entry " + id + ".").says("staff.not_found", Map.of("id", id));
    }

    private interface Write { Entry run() throws SQLException; }

    /** Runs a write, turning the database's refusals into the staff directory's answers. */
    private Entry write(Entry e, Write w) throws SQLException {
        try {
            return w.run();
        } catch (Sql.Conflict ex) {
            if (!"already_exists".equals(ex.code())) throw ex;
            throw roleTaken(e);
        } catch (Sql.Refused ex) {
            if (ex.getMessage() == null || !ex.getMessage().contains("foreign key")) throw ex;
            throw new ApiException(422, "invalid_staff", "The grid or account named does not exist (any more).")
                    .says("staff.gone", Map.of());
        }
    }

    /** 409 {@code role_taken}: the text names the grid, the role and who holds it. */
    private ApiException roleTaken(Entry e) throws SQLException {
        Optional<Entry> holder = Sql.read(db, c -> StaffSql.holder(c, e.gridId(), e.role()));
        String gridCode = grid(Long.toString(e.gridId())).map(Grid::code).orElse(Long.toString(e.gridId()));
        String[] names = StaffRoles.ROLES.getOrDefault(e.role(), new String[] {e.role(), e.role()});
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("grid", gridCode);
        args.put("role", new Word(e.role(), names[0], names[1]));
        String english = "Grid " + gridCode + " already has a " + names[1] + " (" + names[0] + ")";
        if (holder.isEmpty()) {
            return new ApiException(409, "role_taken", english + ". A grid has one person per standing role; change or "
                    + "remove that entry first.").says("staff.role_taken", args);
        }
        args.put("holder", holder.get().name());
        args.put("holderId", holder.get().id());
        return new ApiException(409, "role_taken", english + ": " + holder.get().name() + " (staff " + holder.get().id()
                + "). A grid has one person per standing role; change or remove that entry first.",
                Map.of("holder", holder.get().id())).says("staff.role_taken_by", args);
    }
}
