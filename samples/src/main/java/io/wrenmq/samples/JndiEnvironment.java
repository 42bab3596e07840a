package io.wrenmq.samples;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.Properties;

/** The environment a sample hands to {@code new InitialContext(env)}; it knows no provider. */
public final class JndiEnvironment {

    private JndiEnvironment() {
    }

    /**
     * The properties in {@code file} if one is given, else none, leaving JNDI to its usual sources:
     * {@code -Djava.naming.*} system properties and every {@code jndi.properties} on the classpath (this jar ships
     * one). What the file sets takes precedence over both; the classpath files still add names the file lacks.
     */
    public static Hashtable<Object, Object> load(String file) throws IOException {
        Properties env = new Properties();
        if (file != null) {
            try (Reader in = Files.newBufferedReader(Path.of(file))) {
                env.load(in);
            }
        }
        return env;
    }
}
