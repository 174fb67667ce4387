package org.gridmap.errands;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.gridmap.accounts.Role;
import org.gridmap.accounts.User;
import org.gridmap.db.Sql;
import org.gridmap.http.ApiException;

/**
 * Staff positions (who works where on errands) and the supervision they give: a point's staff answer to their grid's
 * leader, the grid to the village station's head, the station to the head of the item's window at the center, and
 * admins to nobody. Assigning and removing positions is for admins (declared where the routes are registered); each
 * write is one transaction, and the database's unique indexes settle two admins assigning the same head at once.
 */
public final class PositionService {
    private final DataSource db;

    public PositionService(DataSource db) { this.db = db; }

    public List<Positions.Position> list(Positions.Filter f) throws SQLException {
        return Sql.read(db, c -> PositionSql.list(c, f));
    }

    public Positions.Position assign(Positions.NewPosition n) throws SQLException {
        return Sql.inTransaction(db, c -> {
            Long userId = n.username() == null ? null : PositionSql.accountId(c, n.username()).orElseThrow(() ->
                    invalid("No active account '" + n.username() + "'.", "errands.position.no_account", Map.of("user", n.username())));
            Errands.StaffCard staff = n.staffId() == null ? null : ErrandSql.staff(c, n.staffId()).orElseThrow(() ->
                    invalid("No staff entry " + n.staffId() + ".", "errands.no_staff", Map.of("staff", n.staffId())));
            if (userId == null && (staff == null || staff.userId() == null)) {
                throw invalid("Name the account that works in the position: user, or a staff entry linked to an account.",
                        "errands.position.nobody", Map.of());
            }
            Long facility = null, grid = null, village = null, town = null;
            switch (n.kind()) {
                case "point" -> facility = PositionSql.pointId(c, n.pointCode()).orElseThrow(() -> invalid("No service point '"
                        + n.pointCode() + "'.", "errands.no_point", Map.of("point", n.pointCode())));
                case "grid" -> grid = ErrandSql.gridByCode(c, n.gridCode()).orElseThrow(() -> invalid("No grid '"
                        + n.gridCode() + "'.", "errands.no_grid", Map.of("grid", n.gridCode())));
                case "station" -> village = PositionSql.villageId(c, n.villageCode()).orElseThrow(() -> invalid("No village '"
                        + n.villageCode() + "'.", "errands.no_village", Map.of("village", n.villageCode())));
                default -> {
                    town = PositionSql.townId(c, n.townCode()).orElseThrow(() -> invalid("No town '" + n.townCode() + "'.",
                            "errands.position.no_town", Map.of("town", n.townCode())));
                    if (!PositionSql.windowExists(c, n.windowCode())) {
                        throw invalid("No window '" + n.windowCode() + "' in the catalogue.", "errands.position.no_window",
                                Map.of("window", n.windowCode()));
                    }
                }
            }
            if (n.head()) {
                Optional<Positions.Position> taken = PositionSql.headAt(c, n.kind(), grid, village, town,
                        n.kind().equals("window") ? n.windowCode() : null);
                if (taken.isPresent()) {
                    throw new ApiException(409, "position_taken", "That place already has its head: " + taken.get().name()
                            + " (position " + taken.get().id() + "); remove that position first.",
                            Map.of("position", taken.get().id()))
                            .says("errands.position.head_taken", Map.of("name", taken.get().name(), "position", taken.get().id()));
                }
            }
            String name = n.name() != null ? n.name() : staff != null ? staff.name() : null;
            String phone = n.phone() != null ? n.phone() : staff != null ? staff.phone() : null;
            if (name == null || phone == null) {
                throw invalid("A position carries a public service card: give name and phone (or a staff entry).",
                        "errands.position.card", Map.of());
            }
            long id = PositionSql.insert(c, n.kind(), userId, n.staffId(), facility, grid, village, town,
                    n.kind().equals("window") ? n.windowCode() : null, n.head(), n.title(), name, phone);
            return PositionSql.find(c, id).orElseThrow();
        });
    }

    public boolean remove(long id) throws SQLException {
        return Sql.inTransaction(db, c -> PositionSql.delete(c, id));
    }

    /** The positions the account works in, for its "who am I" answer. */
    public List<Positions.Position> ofAccount(long userId) throws SQLException {
        return Sql.read(db, c -> PositionSql.ofAccount(c, userId));
    }

    /**
     * The demo's desks: a head for every village station and every window of each town's center, working as disabled
     * accounts {@code desk-<village>-st} and {@code desk-<town>-w-<window>} (the demo year's hand-offs name the station
     * desks too). Fake names and {@code 100-} numbers; places that have a head keep theirs. Returns the positions made.
     */
    public int createDemoHeads() throws SQLException {
        return Sql.inTransaction(db, c -> {
            Sql.update(c, PositionSql.DEMO_DESKS);
            return Sql.update(c, PositionSql.DEMO_HEADS);
        });
    }

    // ---- supervision, asked by ErrandService inside its transactions

    /** The level at which {@code u} supervises the errand: 5 for an admin (above all), 0 when nowhere. */
    static int supervision(Connection c, Errands.Errand e, User u) throws SQLException {
        if (u.role() == Role.ADMIN) return 5;
        return PositionSql.supervisionLevel(c, u.id(), e.id());
    }

    /** May {@code u} act for an errand held at its current stage: they supervise it at that level or above. */
    static boolean supervisesStage(Connection c, Errands.Errand e, User u) throws SQLException {
        return supervision(c, e, u) >= Math.max(2, PositionKinds.levelOfStage(e.stage()));
    }

    /** May {@code u} confirm for the receiver of a hand-off to {@code toStage}: they supervise the errand that high. */
    static boolean supervisesReceiver(Connection c, Errands.Errand e, String toStage, User u) throws SQLException {
        return supervision(c, e, u) >= PositionKinds.levelOfStage(toStage);
    }

    /**
     * The receiving position a hand-off names: it must be at the level {@code toStage} names and at the errand's own
     * place (its grid, its village's station, its town's window for its item), and someone must be able to confirm.
     */
    static Positions.Position receiver(Connection c, Errands.Errand e, String toStage, long positionId) throws SQLException {
        Positions.Position p = PositionSql.find(c, positionId).orElseThrow(() -> invalidHandoff("No position " + positionId
                + ".", "errands.position.not_found", Map.of("position", positionId)));
        String wanted = switch (toStage) {
            case "grid" -> "grid";
            case "station" -> "station";
            default -> "window";
        };
        PositionSql.ErrandPlace at = PositionSql.placeOf(c, e.id());
        boolean fits = p.kind().equals(wanted) && switch (wanted) {
            case "grid" -> p.gridId() == at.gridId();
            case "station" -> p.villageId() == at.villageId();
            default -> p.townId() == at.townId() && p.windowCode().equals(at.windowCode());
        };
        if (!fits) {
            throw invalidHandoff("Position " + positionId + " (" + p.kind() + ") is not where errand " + e.number()
                    + " goes at stage " + toStage + ": its own grid's hub, its village's station, or its item's window ("
                    + at.windowCode() + ") at its town's center.", "errands.position.wrong_place",
                    Map.of("position", positionId, "number", e.number(), "stage", toStage, "window", at.windowCode()));
        }
        if (p.accountId() == null) {
            throw invalidHandoff("Position " + positionId + " (" + p.name() + ") has no account, so nobody could confirm "
                    + "receipt.", "errands.position.no_receiver", Map.of("position", positionId, "name", p.name()));
        }
        return p;
    }

    private static ApiException invalid(String english, String key, Map<String, Object> args) {
        return new ApiException(422, "invalid_position", english).says(key, args);
    }

    private static ApiException invalidHandoff(String english, String key, Map<String, Object> args) {
        return new ApiException(422, "invalid_handoff", english).says(key, args);
    }
}
