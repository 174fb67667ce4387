package org.gridmap.accounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongConsumer;
import javax.sql.DataSource;
import org.gridmap.db.Sql;

/**
 * Login sessions. The token goes to the client (cookie and bearer); only its SHA-256 is stored, so a
 * leaked database does not hand out sessions. Sessions live in the database so they survive restarts.
 */
public final class SessionStore {
    public static final Duration LIFETIME = Duration.ofHours(12);
    private final DataSource db;
    private final SecureRandom random = new SecureRandom();
    private final List<LongConsumer> endedListeners = new CopyOnWriteArrayList<>();

    public record Session(String token, User user, Instant expiresAt) { }

    public SessionStore(DataSource db) { this.db = db; }

    public Session open(User user) throws SQLException {
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        Instant expires = Instant.now().plus(LIFETIME);
        Sql.inTransaction(db, c -> Sql.update(c, "INSERT INTO sessions (token_hash, user_id, expires_at) VALUES (?, ?, ?)",
                digest(token), user.id(), expires));
        return new Session(token, user, expires);
    }

    /**
     * The account of a live session: id, username, role; one parameter, the token's hash ({@link #tokenHash}). A
     * statement that must know its reader may include it (a tile checked, drawn and logged in one round trip), so
     * what makes a session live is said once, here. Also {@code session_left}: seconds until the session expires.
     */
    public static final String READER = """
            SELECT u.id, u.username, u.role, extract(epoch FROM s.expires_at - now())::float8 AS session_left
            FROM sessions s JOIN users u ON u.id = s.user_id
            WHERE s.token_hash = ? AND s.expires_at > now() AND NOT u.disabled""";

    /** How an account is read from {@link #READER}'s columns. */
    public static final Sql.Row<User> USER = UserStore.USER;

    public Optional<User> find(String token) throws SQLException {
        byte[] hash = tokenHash(token);
        if (hash == null) return Optional.empty();
        return Sql.read(db, c -> Sql.one(c, READER, UserStore.USER, hash));
    }

    /** What the database keeps of a token, or null when the text cannot be one (then no session matches it). */
    public static byte[] tokenHash(String token) {
        if (token == null || token.isBlank() || token.length() > 200) return null;
        return digest(token);
    }

    /** Told, after a logout's commit, the account whose session ended. */
    public void onEnded(LongConsumer listener) { endedListeners.add(listener); }

    public void close(String token) throws SQLException {
        if (token == null) return;
        List<Long> ended = Sql.inTransaction(db, c -> Sql.query(c,
                "DELETE FROM sessions WHERE token_hash = ? OR expires_at < now() RETURNING user_id",
                rs -> rs.getLong("user_id"), digest(token)));
        for (long user : ended) for (LongConsumer l : endedListeners) l.accept(user);
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
