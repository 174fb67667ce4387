package org.gridmap.accounts;

import io.javalin.security.RouteRole;
import java.util.Arrays;
import java.util.Locale;

/**
 * Who may write what. Routes declare the roles they accept; {@link #ADMIN} passes every check.
 * Anonymous users carry no role and may only read public layers and ask routing questions.
 */
public enum Role implements RouteRole {
    ADMIN, PLANNER, MONITOR, STAFF;

    public String id() { return name().toLowerCase(Locale.ROOT); }

    public static Role parse(String s) {
        return Arrays.stream(values())
                .filter(r -> r.id().equals(s == null ? "" : s.trim().toLowerCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown role '" + s + "'; expected one of admin, planner, monitor, staff"));
    }
}
