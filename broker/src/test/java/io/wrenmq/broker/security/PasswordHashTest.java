package io.wrenmq.broker.security;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 6 item 1: passwords are kept as salted PBKDF2 hashes, in one line of text. */
class PasswordHashTest {
    private static final int FAST = PasswordHash.MIN_ITERATIONS;

    @Test
    void aHashReadBackMatchesItsPasswordAndNoOther() {
        String line = PasswordHash.create("correct horse".toCharArray(), FAST).encoded();
        assertTrue(line.startsWith("PBKDF2:" + FAST + ":"), line);
        PasswordHash read = PasswordHash.parse(line);
        assertTrue(read.matches("correct horse".toCharArray()));
        assertFalse(read.matches("correct horse ".toCharArray()));
        assertFalse(read.matches("".toCharArray()));
        assertEquals(line, read.encoded());
    }

    @Test
    void eachHashHasItsOwnSalt() {
        assertNotEquals(PasswordHash.create("same".toCharArray(), FAST).encoded(),
                PasswordHash.create("same".toCharArray(), FAST).encoded());
    }

    @Test
    void plainTextOrMalformedHashesAreRefusedWithoutRepeatingThem() {
        for (String bad : new String[] {"s3cret", "PBKDF2:1000:@@@:abc", "PBKDF2:10:AAAAAAAAAAA=:AAAAAAAAAAAAAAAAAAAAAA==",
                "PBKDF2:x:AAAAAAAAAAA=:AAAAAAAAAAAAAAAAAAAAAA==", "PBKDF2:1000:AAAAAAAAAAA="}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PasswordHash.parse(bad));
            assertFalse(e.getMessage().contains(bad), e.getMessage());
        }
    }

    @Test
    void toStringShowsNeitherHashNorSalt() {
        PasswordHash h = PasswordHash.create("pw".toCharArray(), FAST);
        assertEquals("PBKDF2 hash (" + FAST + " iterations)", h.toString());
    }
}
