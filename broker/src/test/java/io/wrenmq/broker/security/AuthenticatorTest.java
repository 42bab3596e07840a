package io.wrenmq.broker.security;

import io.wrenmq.broker.BrokerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 6 item 1: refused logins are logged once, with user and address and never the password, never a flood. */
class AuthenticatorTest {
    private final List<String> logged = new CopyOnWriteArrayList<>();

    @TempDir
    Path dir;

    private Authenticator authenticator() throws IOException {
        Path users = Files.writeString(dir.resolve("users"),
                "bob=" + PasswordHash.create("bob-pw".toCharArray(), PasswordHash.MIN_ITERATIONS).encoded());
        return new Authenticator(BrokerConfig.builder().usersFile(users).build().security(), logged::add);
    }

    private static Throwable refusal(Authenticator a, String user, String password) {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> a.login(user, password, "/10.1.2.3:4567").get(10, TimeUnit.SECONDS));
        return assertInstanceOf(LoginRefusedException.class, e.getCause());
    }

    @Test
    void aRefusedLoginIsLoggedWithUserAddressAndReasonButNoPassword() throws Exception {
        Authenticator a = authenticator();
        Throwable t = refusal(a, "bob", "hunter2-secret");
        assertFalse(t.getMessage().contains("hunter2"), t.getMessage());
        assertEquals(1, logged.size());
        String line = logged.get(0);
        assertTrue(line.contains("user 'bob'") && line.contains("/10.1.2.3:4567") && line.contains("wrong password"),
                line);
        assertFalse(line.contains("hunter2"), line);
        assertEquals("bob", a.login("bob", "bob-pw", "/10.1.2.3:4568").get(10, TimeUnit.SECONDS).user());
    }

    @Test
    void repeatedRefusalsFromOneHostAreCountedNotLogged() {
        AtomicLong now = new AtomicLong();
        RefusedLogins refusals = new RefusedLogins(logged::add, now::get);
        for (int i = 0; i < 100; i++) {
            refusals.refused("/10.1.2.3:" + (5000 + i), "bob", "wrong password");
        }
        refusals.refused("/10.9.9.9:5000", "eve", "unknown user");
        assertEquals(2, logged.size(), "one line per host: " + logged);
        now.addAndGet(RefusedLogins.WINDOW_NANOS);
        refusals.refused("/10.1.2.3:6000", "bob", "wrong password");
        assertEquals(3, logged.size());
        assertTrue(logged.get(2).endsWith("(99 more from /10.1.2.3 since the previous line)"), logged.get(2));
    }

    @Test
    void aUserNameCannotForgeLogLines() {
        RefusedLogins refusals = new RefusedLogins(logged::add, System::nanoTime);
        refusals.refused("/10.1.2.3:1", "bob\nINFO all is well" + "x".repeat(200), "unknown user");
        assertFalse(logged.get(0).contains("\n"), logged.get(0));
        assertTrue(logged.get(0).length() < 200, logged.get(0));
    }
}
