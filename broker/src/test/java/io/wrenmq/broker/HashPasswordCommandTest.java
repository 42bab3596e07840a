package io.wrenmq.broker;

import io.wrenmq.broker.security.PasswordHash;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 6 item 1: {@code wren-broker.jar hash-password} makes the line the users file holds. */
class HashPasswordCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String stdin, String... args) {
        return new HashPasswordCommand(null, new BufferedReader(new StringReader(stdin)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(args);
    }

    @Test
    void printsAHashOfThePasswordOnStandardInput() {
        assertEquals(0, run("tiger\n", "--iterations", "2000"));
        PasswordHash hash = PasswordHash.parse(out.toString(StandardCharsets.UTF_8).trim());
        assertEquals(2000, hash.iterations());
        assertTrue(hash.matches("tiger".toCharArray()));
    }

    @Test
    void anEmptyInputOrBadIterationsIsAnErrorWithoutAHash() {
        assertEquals(1, run(""));
        assertEquals(2, run("tiger\n", "--iterations", "10"));
        assertEquals(2, run("tiger\n", "--rounds", "5"));
        assertEquals("", out.toString(StandardCharsets.UTF_8));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--rounds"));
    }
}
