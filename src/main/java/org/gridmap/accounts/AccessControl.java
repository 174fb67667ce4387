package org.gridmap.accounts;

import io.javalin.http.Context;
import io.javalin.security.RouteRole;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.gridmap.http.ApiException;

/**
 * The one place where access is decided. A route declares the roles it accepts when it is registered
 * ({@code routes.post(path, handler, Role.PLANNER)}); this check runs before every matched route and
 * lets through routes that declare no role (public reads), or a logged-in user holding one of the
 * declared roles. Admins pass everywhere.
 */
public final class AccessControl {
    public static final String COOKIE = "gridmap_session";
    private static final String USER_ATTRIBUTE = "gridmap.user";
    private final SessionStore sessions;

    public AccessControl(SessionStore sessions) { this.sessions = sessions; }

    public void check(Context ctx) throws Exception {
        Set<RouteRole> required = ctx.routeRoles();
        if (required.isEmpty()) return;
        require(currentUser(ctx), required);
    }

    /**
     * The same decision for a reader found elsewhere: a route that resolves its session inside its own statement
     * (to save a round trip) is registered without roles and applies this rule to the reader it found.
     */
    public static User require(Optional<User> reader, Set<RouteRole> required) {
        User user = reader.orElseThrow(() -> ApiException.unauthorized(
                "Log in first: this action needs one of the roles " + describe(required) + ".")
                .says("accounts.log_in_first", Map.of("roles", describe(required))));
        if (user.role() != Role.ADMIN && !required.contains(user.role())) {
            throw ApiException.forbidden("Your role '" + user.role().id() + "' may not do this; it needs "
                    + describe(required) + ".").says("accounts.role_forbidden", Map.of("role", user.role().id(), "roles", describe(required)));
        }
        return user;
    }

    /** The logged-in user from the bearer token or the session cookie, if any. */
    public Optional<User> currentUser(Context ctx) throws Exception {
        Object cached = ctx.attribute(USER_ATTRIBUTE);
        if (cached instanceof User u) return Optional.of(u);
        String token = token(ctx);
        if (token == null) return Optional.empty();
        Optional<User> user = sessions.find(token);
        user.ifPresent(u -> ctx.attribute(USER_ATTRIBUTE, u));
        return user;
    }

    public static String token(Context ctx) {
        String auth = ctx.header("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) return auth.substring(7).trim();
        return ctx.cookie(COOKIE);
    }

    private static String describe(Set<RouteRole> roles) {
        return roles.stream().map(r -> r instanceof Role role ? role.id() : r.toString()).sorted()
                .reduce((a, b) -> a + ", " + b).orElse("");
    }
}
