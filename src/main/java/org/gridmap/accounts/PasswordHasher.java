package org.gridmap.accounts;

import java.security.SecureRandom;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/** bcrypt (OpenBSD $2b$ format) with a per-password random salt. */
public final class PasswordHasher {
    /** 2^12 rounds: about a quarter of a second here, slow enough to hurt guessing, fast enough to log in. */
    private static final int COST = 12;
    public static final int MIN_LENGTH = 10;
    private final SecureRandom random = new SecureRandom();
    private final int cost;

    public PasswordHasher() { this(COST); }

    /** A lower cost is only for tests that create many accounts. */
    public PasswordHasher(int cost) { this.cost = cost; }

    public String hash(char[] password) {
        checkStrength(password);
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        return OpenBSDBCrypt.generate("2b", password, salt, cost);
    }

    public boolean verify(String storedHash, char[] password) {
        if (storedHash == null || password == null || password.length == 0 || password.length > 72) return false;
        try {
            return OpenBSDBCrypt.checkPassword(storedHash, password);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public static void checkStrength(char[] password) {
        if (password == null || password.length < MIN_LENGTH) {
            throw new IllegalArgumentException("a password needs at least " + MIN_LENGTH + " characters");
        }
        if (password.length > 72) {
            throw new IllegalArgumentException("a password may have at most 72 characters (bcrypt's limit)");
        }
    }
}
