package io.wrenmq.broker.security;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * A password as the broker keeps it: PBKDF2 with HMAC-SHA256 (from the JDK), a random salt per password and an
 * iteration count, written as one line of text:
 *
 * <pre>
 * PBKDF2:iterations:salt (base64):hash (base64)      e.g. PBKDF2:600000:q0c8...==:Xb1Y...=
 * </pre>
 *
 * The iteration count travels with the hash, so raising the default later leaves existing hashes valid. Neither
 * {@link #toString()} nor an error message ever shows a password or a hash. Immutable and thread-safe.
 */
public final class PasswordHash {
    /** What an encoded hash starts with. */
    public static final String SCHEME = "PBKDF2";
    /** OWASP's recommendation for PBKDF2-HMAC-SHA256 (2023): a few hundred milliseconds per check. */
    public static final int DEFAULT_ITERATIONS = 600_000;
    /** Fewer iterations than this are not a protection worth the name. */
    public static final int MIN_ITERATIONS = 1_000;
    /** More than this makes one login a denial of service. */
    public static final int MAX_ITERATIONS = 10_000_000;

    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int iterations;
    private final byte[] salt;
    private final byte[] hash;

    private PasswordHash(int iterations, byte[] salt, byte[] hash) {
        this.iterations = iterations;
        this.salt = salt;
        this.hash = hash;
    }

    /**
     * Hashes a password with a new random salt.
     *
     * @throws IllegalArgumentException for an empty password or an iteration count out of range
     */
    public static PasswordHash create(char[] password, int iterations) {
        if (password.length == 0) {
            throw new IllegalArgumentException("the password must not be empty");
        }
        checkIterations(iterations);
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return new PasswordHash(iterations, salt, derive(password, salt, iterations, HASH_BITS));
    }

    /**
     * Reads an encoded hash.
     *
     * @throws IllegalArgumentException saying what is wrong, without repeating the text
     */
    public static PasswordHash parse(String encoded) {
        String[] parts = encoded.trim().split(":", -1);
        if (parts.length != 4 || !parts[0].equals(SCHEME)) {
            throw new IllegalArgumentException("not a password hash (" + SCHEME
                    + ":iterations:salt:hash); make one with: java -jar wren-broker.jar hash-password");
        }
        int iterations;
        byte[] salt;
        byte[] hash;
        try {
            iterations = Integer.parseInt(parts[1]);
            salt = Base64.getDecoder().decode(parts[2]);
            hash = Base64.getDecoder().decode(parts[3]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a malformed " + SCHEME + " hash: its iterations, salt or hash "
                    + "do not parse");
        }
        checkIterations(iterations);
        if (salt.length < 8 || hash.length < 16) {
            throw new IllegalArgumentException("a malformed " + SCHEME + " hash: its salt or hash is too short");
        }
        return new PasswordHash(iterations, salt, hash);
    }

    private static void checkIterations(int iterations) {
        if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("the iteration count " + iterations + " is not within "
                    + MIN_ITERATIONS + ".." + MAX_ITERATIONS);
        }
    }

    /** Whether {@code password} is the one hashed; takes as long whatever the answer (constant-time compare). */
    public boolean matches(char[] password) {
        return MessageDigest.isEqual(hash, derive(password, salt, iterations, hash.length * 8));
    }

    public int iterations() {
        return iterations;
    }

    /** The one-line form, as the users file holds it. */
    public String encoded() {
        Base64.Encoder b64 = Base64.getEncoder();
        return SCHEME + ":" + iterations + ":" + b64.encodeToString(salt) + ":" + b64.encodeToString(hash);
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations, int bits) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, bits);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            // Every Java 8+ runtime has it; without it no password can be checked at all.
            throw new IllegalStateException(ALGORITHM + " is not available in this Java runtime", e);
        } finally {
            spec.clearPassword();
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PasswordHash p && p.iterations == iterations && Arrays.equals(p.salt, salt)
                && MessageDigest.isEqual(p.hash, hash);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(salt);
    }

    @Override
    public String toString() {
        return SCHEME + " hash (" + iterations + " iterations)";
    }
}
