package org.gridmap.accounts;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Accounts in the {@code users} table. */
public final class UserStore {
    private final DataSource db;
    private final PasswordHasher hasher;

    public UserStore(DataSource db, PasswordHasher hasher) {
        this.db = db;
        this.hasher = hasher;
    }

    public User create(String username, Role role, char[] password) throws SQLException {
        if (username == null || !username.matches("[A-Za-z0-9_.-]{2,64}")) {
            throw new IllegalArgumentException("a user name has 2–64 letters, digits, '_', '.' or '-'");
        }
        String hash = hasher.hash(password);
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "INSERT INTO users (username, password_hash, role) VALUES (?, ?, ?) RETURNING id")) {
            ps.setString(1, username);
            ps.setString(2, hash);
            ps.setString(3, role.id());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new User(rs.getLong(1), username, role);
            }
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                // unique ignoring case (index users_username_lower): "Pei" and "pei" are one person
                throw new IllegalArgumentException("user '" + username + "' already exists (names are compared ignoring case)");
            }
            throw e;
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
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT id, password_hash, role, username FROM users WHERE lower(username) = lower(?) AND NOT disabled")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return null;
                return new StoredAccount(new User(rs.getLong(1), rs.getString(4), Role.parse(rs.getString(3))), rs.getString(2));
            }
        }
    }

    public int count() throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM users");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Accounts that can log in (a demo history's disabled desk accounts do not count). */
    public int enabledCount() throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM users WHERE NOT disabled");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    public List<User> list() throws SQLException {
        List<User> out = new ArrayList<>();
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT id, username, role FROM users ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) out.add(new User(rs.getLong(1), rs.getString(2), Role.parse(rs.getString(3))));
        }
        return out;
    }

    private static final String DUMMY_HASH = new PasswordHasher(12).hash("not-a-real-password".toCharArray());
}
