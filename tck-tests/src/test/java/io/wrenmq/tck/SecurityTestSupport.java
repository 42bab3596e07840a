package io.wrenmq.tck;

import io.wrenmq.broker.BrokerConfig;
import io.wrenmq.broker.security.PasswordHash;
import jakarta.jms.Connection;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Session;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Base of the security tests: a dedicated broker with users (each user's password is the user name followed by
 * {@code -pw}) in the roles {@link #ROLES} gives, and helpers to connect as one of them.
 */
abstract class SecurityTestSupport extends DedicatedBrokerTestSupport {
    /** Role lines of the roles file. */
    static final String ROLES = """
            admin=alice
            app=bob,alice
            reader=carol
            """;
    private static final String[] USERS = {"alice", "bob", "carol", "dave"};

    /** The users file: every user of {@link #USERS}, hashed with few iterations to keep tests fast. */
    static Path usersFile() {
        StringBuilder b = new StringBuilder();
        for (String user : USERS) {
            b.append(user).append('=')
                    .append(PasswordHash.create(password(user).toCharArray(), PasswordHash.MIN_ITERATIONS).encoded())
                    .append('\n');
        }
        return write("users", b.toString());
    }

    /** A new file of {@code content} under the module's build directory. */
    static Path write(String name, String content) {
        try {
            Path dir = Files.createDirectories(Path.of("target", "security"));
            return Files.writeString(Files.createTempFile(dir, name, ".properties"), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String password(String user) {
        return user + "-pw";
    }

    @Override
    protected BrokerConfig.Builder configure(BrokerConfig.Builder b) {
        return b.persistent(false).usersFile(usersFile()).rolesFile(write("roles", ROLES));
    }

    /** A started connection of {@code user}, closed after the test. */
    protected Connection login(String user) throws JMSException {
        Connection c = track(factory.createConnection(user, password(user)));
        c.start();
        return c;
    }

    /** An AUTO_ACKNOWLEDGE session on a new started connection of {@code user}, closed after the test. */
    protected Session sessionOf(String user) throws JMSException {
        return login(user).createSession(Session.AUTO_ACKNOWLEDGE);
    }

    /** A context of {@code user}, closed after the test. */
    protected JMSContext contextOf(String user) {
        return tracked(factory.createContext(user, password(user)));
    }
}
