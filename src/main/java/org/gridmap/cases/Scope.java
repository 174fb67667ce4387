package org.gridmap.cases;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import org.gridmap.accounts.Role;
import org.gridmap.accounts.User;

/**
 * What an account may see and write of grid work. Staff write in the grids their account is linked to; the grid
 * leaders of a village stand for its station (the station's own positions do not exist yet), so they read the
 * village's cases, reports and meetings and record its meetings; admins everything.
 */
public record Scope(boolean admin, Set<Long> grids, Set<Long> stationVillages) {
    public static Scope of(Connection c, User u) throws SQLException {
        if (u.role() == Role.ADMIN) return new Scope(true, Set.of(), Set.of());
        return new Scope(false, CaseSql.gridsOf(c, u.id()), CaseSql.stationVillagesOf(c, u.id()));
    }

    public boolean writes(long grid) { return admin || grids.contains(grid); }

    public boolean reads(long grid, long village) { return writes(grid) || stationVillages.contains(village); }

    public boolean station(long village) { return admin || stationVillages.contains(village); }

    public Long[] gridArray() { return grids.toArray(Long[]::new); }

    public Long[] villageArray() { return stationVillages.toArray(Long[]::new); }
}
