package org.gridmap.errands;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.gridmap.db.Sql;
import org.gridmap.http.ApiException;
import org.gridmap.http.Conflicts;
import org.gridmap.http.Messages;

/**
 * Admins edit the one-stop center's catalogue: windows, departments and items are created, edited against the
 * version the editor saw (a stale one is 409 {@code version_conflict}), retired and brought back. An entry that
 * anything names cannot be deleted, only retired: errands keep their item, items their window and department. A
 * retired item takes no new errands and leaves the public catalogue and Open311's services; a window or department
 * is retired only once no item in service names it. Each write is one transaction with the entry's row locked.
 */
public final class CatalogueService {
    private final DataSource db;
    private final Clock clock;

    public CatalogueService(DataSource db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public List<CatalogueEntries.Unit> units(CatalogueEntries.Kind k) throws SQLException {
        return Sql.read(db, c -> CatalogueSql.units(c, k));
    }

    public List<CatalogueEntries.Item> items() throws SQLException {
        return Sql.read(db, CatalogueSql::items);
    }

    /** Creates the entry (a code taken is 409 {@code already_exists}); the stored entry comes back. */
    public Object create(CatalogueEntries.Kind k, CatalogueEntries.Change n) throws SQLException {
        return Sql.inTransaction(db, c -> {
            boolean taken = k == CatalogueEntries.Kind.ITEMS ? CatalogueSql.item(c, n.code(), false).isPresent()
                    : CatalogueSql.unit(c, k, n.code(), false).isPresent();
            if (taken) throw Conflicts.taken(k.type() + " " + n.code());
            switch (k) {
                case WINDOWS -> CatalogueSql.insertWindow(c, n);
                case DEPARTMENTS -> CatalogueSql.insertDepartment(c, n);
                case ITEMS -> {
                    requireInService(c, "window", n.windowCode());
                    requireInService(c, "department", n.departmentCode());
                    CatalogueSql.insertItem(c, n);
                }
            }
            return stored(c, k, n.code());
        });
    }

    /** Applies the edit to the entry as it stands, if the editor saw its current version. */
    public Object update(CatalogueEntries.Kind k, String code, CatalogueEntries.Change ch) throws SQLException {
        return Sql.inTransaction(db, c -> {
            Instant now = clock.instant();
            if (k == CatalogueEntries.Kind.ITEMS) {
                CatalogueEntries.Item old = CatalogueSql.item(c, code, true).orElseThrow(() -> notFound(k, code));
                checkVersion(k, old.id(), code, old.version(), ch.version());
                CatalogueEntries.Item edited = new CatalogueEntries.Item(old.id(), code, or(ch.name(), old.name()),
                        or(ch.nameEn(), old.nameEn()), or(ch.windowCode(), old.windowCode()),
                        or(ch.departmentCode(), old.departmentCode()), or(ch.processingDays(), old.processingDays()),
                        or(ch.documents(), old.documents()), old.version(), retiredAt(ch.retired(), old.retiredAt(), now));
                // an item in service names a window and a department in service: when moved, and when brought back
                boolean back = old.retiredAt() != null && edited.retiredAt() == null;
                if (ch.windowCode() != null || back) requireInService(c, "window", edited.windowCode());
                if (ch.departmentCode() != null || back) requireInService(c, "department", edited.departmentCode());
                CatalogueSql.updateItem(c, edited);
            } else {
                CatalogueEntries.Unit old = CatalogueSql.unit(c, k, code, true).orElseThrow(() -> notFound(k, code));
                checkVersion(k, old.id(), code, old.version(), ch.version());
                Instant retired = retiredAt(ch.retired(), old.retiredAt(), now);
                if (retired != null && old.retiredAt() == null && CatalogueSql.uses(c, k, code, true) > 0) {
                    throw inUse(k, code, "retire the items (and remove the positions) that name it first");
                }
                CatalogueSql.updateUnit(c, k, new CatalogueEntries.Unit(old.id(), code, or(ch.name(), old.name()),
                        or(ch.nameEn(), old.nameEn()), or(ch.position(), old.position()), old.version(), retired));
            }
            return stored(c, k, code);
        });
    }

    /** Deletes an entry nothing names, at the version the editor saw; otherwise 422 {@code in_use}: retire it instead. */
    public void delete(CatalogueEntries.Kind k, String code, long version) throws SQLException {
        Sql.inTransaction(db, c -> {
            long id;
            long current;
            if (k == CatalogueEntries.Kind.ITEMS) {
                CatalogueEntries.Item old = CatalogueSql.item(c, code, true).orElseThrow(() -> notFound(k, code));
                id = old.id();
                current = old.version();
            } else {
                CatalogueEntries.Unit old = CatalogueSql.unit(c, k, code, true).orElseThrow(() -> notFound(k, code));
                id = old.id();
                current = old.version();
            }
            checkVersion(k, id, code, current, version);
            if (CatalogueSql.uses(c, k, code, false) > 0) throw inUse(k, code, "retire it instead");
            return CatalogueSql.delete(c, k, code);
        });
    }

    private static Object stored(Connection c, CatalogueEntries.Kind k, String code) throws SQLException {
        return k == CatalogueEntries.Kind.ITEMS ? CatalogueSql.item(c, code, false).orElseThrow()
                : CatalogueSql.unit(c, k, code, false).orElseThrow();
    }

    private static void checkVersion(CatalogueEntries.Kind k, long id, String code, long current, Long yours) {
        if (yours == null || yours != current) {
            throw Conflicts.staleVersions(List.of(new Conflicts.Stale(k.type(), id, code, current, yours)));
        }
    }

    private static void requireInService(Connection c, String type, String code) throws SQLException {
        boolean exists = type.equals("window")
                ? CatalogueSql.unit(c, CatalogueEntries.Kind.WINDOWS, code, false).isPresent()
                : CatalogueSql.unit(c, CatalogueEntries.Kind.DEPARTMENTS, code, false).isPresent();
        if (!exists || CatalogueSql.retired(c, type, code)) {
            throw new ApiException(422, "invalid_catalogue", "No " + type + " '" + code + "' in service.")
                    .says("errands.catalogue.not_in_service", Map.of("type", typeName(type), "code", code));
        }
    }

    /** Retiring keeps the first retirement's time; bringing back clears it; saying nothing leaves it. */
    private static Instant retiredAt(Boolean retired, Instant was, Instant now) {
        if (retired == null) return was;
        return retired ? (was != null ? was : now) : null;
    }

    private static <T> T or(T value, T fallback) { return value != null ? value : fallback; }

    private static ApiException notFound(CatalogueEntries.Kind k, String code) {
        return ApiException.notFound("No " + k.type() + " '" + code + "' in the catalogue.")
                .says("errands.catalogue.not_found", Map.of("type", typeName(k.type()), "code", code));
    }

    /** 422 {@code in_use}: something names the entry, as a foreign key would refuse it (a rule, see Conflicts). */
    private static ApiException inUse(CatalogueEntries.Kind k, String code, String advice) {
        return new ApiException(422, "in_use", "The " + k.type() + " '" + code + "' is in use: " + advice + ".")
                .says(k == CatalogueEntries.Kind.ITEMS ? "errands.catalogue.item_in_use" : "errands.catalogue.unit_in_use",
                        Map.of("type", typeName(k.type()), "code", code));
    }

    private static Messages.Both typeName(String type) {
        return switch (type) {
            case "window" -> new Messages.Both("窗口", "window");
            case "department" -> new Messages.Both("部门", "department");
            default -> new Messages.Both("办理事项", "item");
        };
    }
}
