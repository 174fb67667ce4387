package org.gridmap.cases;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.gridmap.accounts.User;
import org.gridmap.db.Sql;
import org.gridmap.errands.ErrandService;
import org.gridmap.errands.Errands;
import org.gridmap.hazards.HazardService;
import org.gridmap.http.ApiException;
import org.gridmap.http.Conflicts;
import org.gridmap.layers.TileCoord;

/**
 * Cases from visit findings: opening one (a geological hazard pinned, or an errand filed, in the same transaction
 * and linked both ways), its lifecycle and history, and reading cases in the account's {@link Scope}. Due dates are
 * counted on the injected clock by the kind's policy ({@link CaseWords}).
 */
public final class CaseService {
    private final DataSource db;
    private final Clock clock;
    private final HazardService hazards;
    private final ErrandService errands;

    public CaseService(DataSource db, Clock clock, HazardService hazards, ErrandService errands) {
        this.db = db;
        this.clock = clock;
        this.hazards = hazards;
        this.errands = errands;
    }

    public Instant now() { return clock.instant(); }

    /** Opens the case a visit's finding makes; a second request for the same visit and kind answers the first case. */
    public Cases.Opened open(Cases.NewCase n, User by) throws SQLException {
        Cases.VisitPlace place = Sql.read(db, c -> placeOf(c, n.visitId(), by));
        boolean[] created = {false};
        Sql.Work<Long> openCase = c -> {
            Cases.VisitPlace p = placeOf(c, n.visitId(), by);
            Cases.Owner owner = CaseSql.gridLeader(c, p.gridId()).orElse(new Cases.Owner(by.id(), by.username()));
            Instant at = clock.instant();
            Instant due = at.plus(Duration.ofDays(CaseWords.dueDays(n.kind(), n.urgent())));
            Long id = CaseSql.insert(c, n, p, owner, by.id(), at, due).orElse(null);
            if (id != null) {
                created[0] = true;
                CaseSql.appendHistory(c, id, at, by.id(), by.username(), "opened", null, "open", n.title());
                return id;
            }
            return CaseSql.byVisit(c, n.visitId(), n.kind()).orElseThrow();
        };
        long[] id = {0};
        if (n.geological()) {
            hazards.pinFound(new HazardService.Found(n.title(), n.hazard().type(), n.hazard().radiusM(), place.lon(),
                    place.lat(), n.details()), by, new HazardService.CaseLink() {
                @Override public HazardService.Finder caseOf(Connection c) throws SQLException {
                    id[0] = openCase.run(c);
                    return new HazardService.Finder(id[0], CaseSql.get(c, id[0], true).orElseThrow().hazardId());
                }
                @Override public void link(Connection c, long caseId, long hazardId) throws SQLException {
                    CaseSql.setHazard(c, caseId, hazardId);
                }
            });
        } else if (n.errand() != null) {
            Cases.ErrandFinding f = n.errand();
            Long facility = f.pointCode() != null ? null : Sql.read(db, c -> CaseSql.serviceFacilityOf(c, place.gridId()))
                    .orElse(null);
            errands.fileForCase(new Errands.NewErrand(f.item(), "point", facility, f.pointCode(),
                    facility == null && f.pointCode() == null ? place.gridCode() : null,
                    new Errands.Resident(f.residentName(), f.residentPhone(), place.householdId(), n.details()),
                    n.urgent(), n.urgent() ? n.title() : null), by, new ErrandService.CaseLink() {
                @Override public ErrandService.Finder caseOf(Connection c) throws SQLException {
                    id[0] = openCase.run(c);
                    return new ErrandService.Finder(id[0], CaseSql.get(c, id[0], true).orElseThrow().errandId());
                }
                @Override public void link(Connection c, long caseId, long errandId) throws SQLException {
                    CaseSql.setErrand(c, caseId, errandId);
                }
            });
        } else {
            id[0] = Sql.inTransaction(db, openCase);
        }
        return new Cases.Opened(Sql.read(db, c -> CaseSql.get(c, id[0], false)).orElseThrow(), created[0]);
    }

    /** One case for an account that may read it; parties and history only for its own grid's staff (read logged). */
    public Cases.Detail get(long id, User by) throws SQLException {
        return Sql.inTransaction(db, c -> {
            Cases.Case k = CaseSql.get(c, id, false).orElseThrow(() -> noCase(id));
            Scope s = Scope.of(c, by);
            if (!s.reads(k.gridId(), k.villageId())) throw notYours(k);
            if (!s.writes(k.gridId())) return new Cases.Detail(k, List.of(), CaseSql.history(c, id));
            List<Cases.Party> parties = CaseSql.parties(c, id);
            if (!parties.isEmpty()) CaseSql.logRead(c, by.id(), id, clock.instant(), "dispute parties");
            return new Cases.Detail(k, parties, CaseSql.history(c, id));
        });
    }

    public List<Cases.Case> list(Cases.Filter f, User by) throws SQLException {
        return Sql.read(db, c -> CaseSql.list(c, f, Scope.of(c, by)));
    }

    /** The open cases in the account's scope inside the tile, as a vector tile (the staff's map layer). */
    public byte[] openTile(TileCoord t, User by) throws SQLException {
        return Sql.read(db, c -> CaseSql.openTile(c, t, Scope.of(c, by), clock.instant()));
    }

    /** A step of the lifecycle, version-checked; the database refuses any step its trigger does not allow. */
    public Cases.Case changeStatus(long id, Cases.StatusChange ch, User by) throws SQLException {
        return Sql.inTransaction(db, c -> {
            Cases.Case k = writable(c, id, by);
            if (k.version() != ch.version()) {
                throw Conflicts.staleVersions(List.of(new Conflicts.Stale("case", id, "#" + id, k.version(), ch.version())));
            }
            if (!CaseWords.next(k.status()).contains(ch.status())) {
                String allowed = String.join(", ", CaseWords.next(k.status()));
                throw new ApiException(422, "case_transition", "A case that is " + k.status() + " may not become "
                        + ch.status() + "; allowed: " + (allowed.isEmpty() ? "none (closed is final)" : allowed) + ".",
                        Map.of("allowedNextStatuses", CaseWords.next(k.status())))
                        .says("cases.transition", Map.of("from", CaseWords.STATUSES.word(k.status()).orElseThrow(),
                                "to", ch.status(), "allowed", allowed.isEmpty() ? "-" : allowed));
            }
            if (k.status().equals("resolved") && ch.status().equals("in_progress") && ch.text() == null) {
                throw new ApiException(422, "reason_needed", "Say why the case is reopened (text).").says("cases.reopen_reason", Map.of());
            }
            if (k.kind().equals("dispute") && ch.status().equals("resolved") && ch.outcome() == null && k.outcome() == null) {
                throw new ApiException(422, "outcome_needed", "A dispute is resolved with the outcome of its mediation (outcome).")
                        .says("cases.outcome_needed", Map.of());
            }
            Instant at = clock.instant();
            CaseSql.setStatus(c, id, ch.status(), ch.outcome(), at);
            CaseSql.appendHistory(c, id, at, by.id(), by.username(), "status", k.status(), ch.status(),
                    ch.outcome() == null ? ch.text() : ch.outcome() + (ch.text() == null ? "" : " — " + ch.text()));
            return CaseSql.get(c, id, false).orElseThrow();
        });
    }

    /** A mediation step (disputes) or a note, appended to the history of an unclosed case. */
    public Cases.HistoryEntry addStep(long id, String action, String text, User by) throws SQLException {
        return Sql.inTransaction(db, c -> {
            Cases.Case k = writable(c, id, by);
            if (k.status().equals("closed")) {
                throw new ApiException(422, "case_closed", "Case " + id + " is closed.").says("cases.closed", Map.of("id", id));
            }
            if (action.equals("mediation") && !k.kind().equals("dispute")) {
                throw new ApiException(422, "not_a_dispute", "Mediation steps belong to disputes.").says("cases.not_a_dispute", Map.of());
            }
            CaseSql.appendHistory(c, id, clock.instant(), by.id(), by.username(), action, null, null, text);
            List<Cases.HistoryEntry> h = CaseSql.history(c, id);
            return h.get(h.size() - 1);
        });
    }

    private Cases.Case writable(Connection c, long id, User by) throws SQLException {
        Cases.Case k = CaseSql.get(c, id, true).orElseThrow(() -> noCase(id));
        if (!Scope.of(c, by).writes(k.gridId())) throw notYours(k);
        return k;
    }

    private static Cases.VisitPlace placeOf(Connection c, long visit, User by) throws SQLException {
        Cases.VisitPlace p = CaseSql.visitPlace(c, visit).orElseThrow(() -> ApiException.notFound("No visit " + visit + ".")
                .says("cases.no_visit", Map.of("id", visit)));
        if (p.gridId() == null) {
            throw new ApiException(422, "household_without_grid", "The visited household lies in no grid.")
                    .says("cases.household_without_grid", Map.of());
        }
        if (!Scope.of(c, by).writes(p.gridId())) {
            throw ApiException.forbidden("Only the staff of grid " + p.gridCode() + " (or an admin) may do this.")
                    .says("cases.not_your_grid", Map.of("grid", p.gridCode()));
        }
        return p;
    }

    private static ApiException noCase(long id) {
        return ApiException.notFound("No case " + id + ".").says("cases.not_found", Map.of("id", id));
    }

    private static ApiException notYours(Cases.Case k) {
        return ApiException.forbidden("Only the staff of grid " + k.gridCode() + " (or an admin) may do this.")
                .says("cases.not_your_grid", Map.of("grid", k.gridCode()));
    }
}
