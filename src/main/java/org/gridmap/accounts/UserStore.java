package org.gridmap.accounts;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.gridmap.db.Sql;

/** Accounts in the {@code users} table. */
public final class UserStore {
    private final DataSource db;
    private final PasswordHasher hasher;

    public UserStore(DataSource db, PasswordHasher hasher) {
        this.db = db;
        this.hasher = hasher;
    }

    /** The user name is taken: names are unique ignoring case ("Pei" and "pei" are one person). */
    public static final class NameTaken extends IllegalArgumentException {
        NameTaken(String username) { super("user '" + username + "' already exists (names are compared ignoring case)"); }
    }

    /** A user as {@link #list} and {@link #create} read it. */
    static final Sql.Row<User> USER = rs -> new User(rs.getLong("id"), rs.getString("username"),
            Role.parse(rs.getString("role")));

    public User create(String username, Role role, char[] password) throws SQLException {
        if (username == null || !username.matches("[A-Za-z0-9_.-]{2,64}")) {
            throw new IllegalArgumentException("a user name has 2–64 letters, digits, '_', '.' or '-'");
        }
        String hash = hasher.hash(password);
        try {
            return Sql.inTransaction(db, c -> Sql.one(c, "INSERT INTO users (username, password_hash, role) VALUES (?, ?, ?) "
                    + "RETURNING id, username, role", USER, username, hash, role.id()).orElseThrow());
        } catch (Sql.Conflict e) {
            // unique ignoring case (index users_username_lower)
            throw new NameTaken(username);
        }
    }

    /**
     * The user if the password matches; empty for an unknown user, a wrong password or a disabled account.
     * The row is read and the connection handed back before bcrypt runs: a check takes a quarter of a second,
     * and holding a pooled connection meanwhile let a burst of logins starve every other request.
     */
    public Optional<User> authenticate(String username, char[] password) throws SQLException {
        StoredAccount account = find(username);
        if (account == null) {
            // Spend the same time as a real check so timing does not reveal which names exist.
            hasher.verify(DUMMY_HASH, password);
            return Optional.empty();
        }
        if (!hasher.verify(account.passwordHash(), password)) return Optional.empty();
        return Optional.of(account.user());
    }

    private record StoredAccount(User user, String passwordHash) { }

    private StoredAccount find(String username) throws SQLException {
        return Sql.read(db, c -> Sql.one(c, "SELECT id, username, role, password_hash FROM users "
                + "WHERE lower(username) = lower(?) AND NOT disabled",
                rs -> new StoredAccount(USER.map(rs), rs.getString("password_hash")), username)).orElse(null);
    }

    public int count() throws SQLException {
        return Sql.read(db, c -> Sql.one(c, "SELECT count(*) AS n FROM users", rs -> rs.getInt("n"))).orElseThrow();
    }

    /** Accounts that can log in (a demo history's disabled desk accounts do not count). */
    public int enabledCount() throws SQLException {
        return Sql.read(db, c -> Sql.one(c, "SELECT count(*) AS n FROM users WHERE NOT disabled", rs -> rs.getInt("n"))).orElseThrow();
    }

    public List<User> list() throws SQLException {
        return Sql.read(db, c -> Sql.query(c, "SELECT id, username, role FROM users ORDER BY id", USER));
    }

    private static final String DUMMY_HASH = new PasswordHasher(12).hash("not-a-real-password".toCharArray());
}
