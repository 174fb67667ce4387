package org.gridmap.accounts;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.gridmap.http.ApiException;

/** HTTP handlers for logging in and out and for managing accounts. */
public final class AccountRoutes {
    private final UserStore users;
    private final SessionStore sessions;
    private final LoginThrottle throttle;
    private final PasswordCheckGate checks;
    private final AccessControl access;
    private final boolean secureCookies;

    public record LoginRequest(String username, String password) { }
    public record NewUser(String username, String role, String password) { }

    public AccountRoutes(UserStore users, SessionStore sessions, LoginThrottle throttle, PasswordCheckGate checks,
                         AccessControl access, boolean secureCookies) {
        this.users = users;
        this.sessions = sessions;
        this.throttle = throttle;
        this.checks = checks;
        this.access = access;
        this.secureCookies = secureCookies;
    }

    public void login(Context ctx) throws Exception {
        LoginRequest req = ctx.bodyAsClass(LoginRequest.class);
        if (req == null || req.username() == null || req.password() == null) {
            throw ApiException.badRequest("Send {\"username\": ..., \"password\": ...}.").says("accounts.send_login", Map.of());
        }
        LoginThrottle.Reservation attempt = throttle.reserve(req.username(), ctx.ip());
        if (!attempt.granted()) {
            throw tooManyRequests(ctx, attempt.retryAfterSeconds(),
                    "Too many failed logins; try again in " + attempt.retryAfterSeconds() + " seconds.")
                    .says("accounts.too_many_logins", Map.of("seconds", attempt.retryAfterSeconds()));
        }
        if (!checks.tryEnter()) {
            throttle.cancel(attempt);
            throw tooManyRequests(ctx, 1, "The server is busy checking other logins; try again in a second.")
                    .says("accounts.busy", Map.of());
        }
        Optional<User> user;
        try {
            user = users.authenticate(req.username(), req.password().toCharArray());
        } catch (Exception e) {
            throttle.cancel(attempt);
            throw e;
        } finally {
            checks.leave();
        }
        if (user.isEmpty()) throw ApiException.unauthorized("Wrong user name or password.").says("accounts.wrong_password", Map.of());
        throttle.succeeded(attempt);
        SessionStore.Session s = sessions.open(user.get());
        Cookie cookie = new Cookie(AccessControl.COOKIE, s.token(), "/", (int) SessionStore.LIFETIME.toSeconds(),
                secureCookies, true, null, SameSite.STRICT);
        ctx.cookie(cookie);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token", s.token());
        body.put("tokenType", "Bearer");
        body.put("expiresAt", s.expiresAt().toString());
        body.put("user", userJson(s.user()));
        ctx.status(201).json(body);
    }

    private static ApiException tooManyRequests(Context ctx, long retryAfterSeconds, String message) {
        ctx.header("Retry-After", Long.toString(retryAfterSeconds));
        return new ApiException(429, "too_many_requests", message);
    }

    public void logout(Context ctx) throws Exception {
        sessions.close(AccessControl.token(ctx));
        ctx.removeCookie(AccessControl.COOKIE, "/");
        ctx.status(204);
    }

    public void whoAmI(Context ctx) throws Exception {
        User u = access.currentUser(ctx).orElseThrow(() -> ApiException.unauthorized("Not logged in.").says("accounts.not_logged_in", Map.of()));
        ctx.json(Map.of("user", userJson(u)));
    }

    public void createUser(Context ctx) throws Exception {
        NewUser req = ctx.bodyAsClass(NewUser.class);
        if (req == null || req.username() == null || req.role() == null || req.password() == null) {
            throw ApiException.badRequest("Send {\"username\", \"role\", \"password\"}.").says("accounts.send_user", Map.of());
        }
        Role role;
        try {
            role = Role.parse(req.role());
        } catch (IllegalArgumentException e) {
            throw new ApiException(422, "invalid_user", e.getMessage()).says("accounts.unknown_role", Map.of("role", req.role()));
        }
        try {
            User u = users.create(req.username(), role, req.password().toCharArray());
            ctx.status(201).json(Map.of("user", userJson(u)));
        } catch (UserStore.NameTaken e) {
            // a unique value taken: 409 already_exists, as everywhere (see Conflicts)
            throw new ApiException(409, "already_exists", e.getMessage()).says("accounts.user_taken", Map.of("username", req.username()));
        } catch (IllegalArgumentException e) {
            throw new ApiException(422, "invalid_user", e.getMessage()).says("accounts.bad_name", Map.of());
        }
    }

    public void listUsers(Context ctx) throws Exception {
        ctx.json(Map.of("users", users.list().stream().map(AccountRoutes::userJson).toList()));
    }

    static Map<String, Object> userJson(User u) {
        return Map.of("id", u.id(), "username", u.username(), "role", u.role().id());
    }
}
