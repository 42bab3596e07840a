package io.wrenmq.broker.security;

import io.wrenmq.broker.BrokerConfig;
import io.wrenmq.broker.NamePattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 6 items 1 and 2: users, roles and permissions are read and checked once, at start-up. */
class SecurityConfigTest {
    private static final String HASH = PasswordHash.create("pw".toCharArray(), PasswordHash.MIN_ITERATIONS).encoded();

    @TempDir
    Path dir;

    private Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private static IllegalArgumentException refused(BrokerConfig.Builder b) {
        return assertThrows(IllegalArgumentException.class, b::build);
    }

    @Test
    void withoutUsersSecurityIsOffAndAnonymousOn() {
        SecurityConfig s = BrokerConfig.builder().build().security();
        assertFalse(s.enabled());
        assertTrue(s.anonymous());
        assertTrue(s.permissions().permits(Set.of(), Operation.SEND, "anything"));
    }

    @Test
    void usersTurnSecurityOnAndAnonymousOffUnlessAsked() throws IOException {
        Path users = file("users.properties", "alice=" + HASH + "\nbob=" + HASH + "\n");
        Path roles = file("roles.properties", "app=alice, bob\nadmin=alice\n");
        SecurityConfig s = BrokerConfig.builder().set("users-file", users.toString())
                .set("roles-file", roles.toString()).build().security();
        assertTrue(s.enabled());
        assertFalse(s.anonymous());
        assertEquals(Set.of("app", "admin"), s.rolesOf("alice"));
        assertEquals(Set.of("app"), s.rolesOf("bob"));
        assertTrue(s.password("bob").matches("pw".toCharArray()));
        assertTrue(BrokerConfig.builder().set("users-file", users.toString()).set("anonymous", "true").build()
                .security().anonymous());
    }

    @Test
    void aPlainTextPasswordStopsTheStartNamingTheUserNotThePassword() throws IOException {
        Path users = file("users.properties", "alice=" + HASH + "\nbob=Sup3rSecret\n");
        IllegalArgumentException e = refused(BrokerConfig.builder().set("users-file", users.toString()));
        assertTrue(e.getMessage().contains("user 'bob'"), e.getMessage());
        assertTrue(e.getMessage().contains("hash-password"), e.getMessage());
        assertFalse(e.getMessage().contains("Sup3rSecret"), e.getMessage());
    }

    @Test
    void inconsistentSettingsAreNamed() throws IOException {
        Path users = file("users.properties", "alice=" + HASH + "\n");
        Path roles = file("roles.properties", "app=alice,carol\n");
        assertTrue(refused(BrokerConfig.builder().set("users-file", users.toString())
                .set("roles-file", roles.toString())).getMessage().contains("user 'carol'"));
        assertTrue(refused(BrokerConfig.builder().set("users-file", users.toString())
                .set("permission.orders.send", "ghosts")).getMessage().contains("ghosts"));
        assertTrue(refused(BrokerConfig.builder().set("users-file", dir.resolve("missing").toString()))
                .getMessage().contains("users-file"));
        assertTrue(refused(BrokerConfig.builder().set("permission.orders.send", "app")).getMessage()
                .contains("users-file"));
        assertTrue(refused(BrokerConfig.builder().set("anonymous", "false")).getMessage().contains("users-file"));
        IllegalArgumentException op = assertThrows(IllegalArgumentException.class,
                () -> BrokerConfig.builder().set("permission.orders.write", "app"));
        assertTrue(op.getMessage().contains("permission.orders.write"), op.getMessage());
    }

    @Test
    void theMostSpecificMatchingPatternAloneDecides() {
        Permissions p = Permissions.NONE
                .with(pattern("#"), Operation.SEND, Set.of("admin"))
                .with(pattern("#"), Operation.BROWSE, Set.of("admin"))
                .with(pattern("orders.#"), Operation.SEND, Set.of("app"))
                .with(pattern("orders.eu"), Operation.CONSUME, Set.of("eu"));
        assertTrue(p.permits(Set.of("admin"), Operation.SEND, "invoices"));
        assertTrue(p.permits(Set.of("app"), Operation.SEND, "orders.us"));
        assertFalse(p.permits(Set.of("admin"), Operation.SEND, "orders.us"), "orders.# decides, without admin");
        assertFalse(p.permits(Set.of("admin"), Operation.BROWSE, "orders.us"), "orders.# does not name browse");
        assertTrue(p.permits(Set.of("eu", "x"), Operation.CONSUME, "orders.eu"));
        assertFalse(p.permits(Set.of("app"), Operation.SEND, "orders.eu"));
        assertFalse(Permissions.NONE.with(pattern("a"), Operation.SEND, Set.of("r"))
                .permits(Set.of("r"), Operation.SEND, "b"), "no pattern matches: closed");
    }

    private static NamePattern pattern(String text) {
        return NamePattern.of(text);
    }
}
