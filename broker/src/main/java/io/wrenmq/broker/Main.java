package io.wrenmq.broker;

import io.wrenmq.jms.WrenVersion;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar wren-broker.jar [--config FILE] [--port N] [--data-dir DIR] [--OPTION VALUE ...]}, or
 * {@code java -jar wren-broker.jar hash-password} to make a password hash for the users file.
 *
 * <p>Options on the command line override those of the configuration file; every option of {@link BrokerConfig#KEYS}
 * is accepted both ways. SIGTERM or Ctrl-C stops the broker cleanly and exits with status 0. A broker that cannot
 * start prints one line on stderr saying why and exits with status 1; bad arguments or configuration exit with 2.
 * The log goes to stdout, so that stderr carries only that line; {@code -Dwren.debug=true} adds the stack trace.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals(HashPasswordCommand.NAME)) {
            BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in));
            System.exit(new HashPasswordCommand(System.console(), stdin, System.out, System.err)
                    .run(Arrays.copyOfRange(args, 1, args.length)));
            return;
        }
        logDefaults();
        BrokerConfig config;
        try {
            config = parse(args);
        } catch (IllegalArgumentException e) {
            fail(2, e.getMessage() + " (try --help)", e);
            return;
        }
        if (config == null) {
            return;
        }
        WrenBroker broker;
        try {
            broker = WrenBroker.start(config);
        } catch (BrokerStartException e) {
            fail(1, e.getMessage(), e);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
            // A JVM stopped by SIGTERM exits with 143 even when it shut down cleanly; a clean stop is a success,
            // and service managers and scripts read the status.
            Runtime.getRuntime().halt(0);
        }, "wren-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One line for the operator; the stack trace only for whoever asked for it. */
    private static void fail(int status, String message, Exception e) {
        System.err.println("wren-broker: " + message.replace('\n', ' '));
        if (Boolean.getBoolean("wren.debug")) {
            e.printStackTrace();
        }
        System.exit(status);
    }

    /**
     * The runnable jar ships slf4j-simple; these are its settings unless the operator gave others with -D. Set here,
     * not in a properties file inside the jar, so that an application embedding the broker keeps its own.
     */
    private static void logDefaults() {
        defaultProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
        defaultProperty("org.slf4j.simpleLogger.showDateTime", "true");
        defaultProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd HH:mm:ss.SSS");
        defaultProperty("org.slf4j.simpleLogger.showShortLogName", "true");
        defaultProperty("org.slf4j.simpleLogger.log.io.netty", "warn");
        // stderr is for the one line that says why the broker could not start.
        defaultProperty("org.slf4j.simpleLogger.logFile", "System.out");
    }

    private static void defaultProperty(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    /** The configuration the arguments describe, or null after printing help or the version. */
    static BrokerConfig parse(String[] args) {
        Properties fromFile = new Properties();
        Properties fromArgs = new Properties();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                printHelp();
                return null;
            }
            if (a.equals("--version")) {
                System.out.println("Wren broker " + WrenVersion.get());
                return null;
            }
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + a + "'");
            }
            String key = a.substring(2);
            String value;
            int eq = key.indexOf('=');
            if (eq >= 0) {
                value = key.substring(eq + 1);
                key = key.substring(0, eq);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("option --" + key + " needs a value");
            }
            if (key.equals("config")) {
                load(Path.of(value), fromFile);
            } else {
                fromArgs.setProperty(key, value);
            }
        }
        BrokerConfig.Builder b = BrokerConfig.builder();
        for (Properties p : new Properties[] {fromFile, fromArgs}) {
            for (String key : p.stringPropertyNames()) {
                b.set(key, p.getProperty(key).trim());
            }
        }
        return b.build();
    }

    private static void load(Path file, Properties into) {
        try (Reader r = Files.newBufferedReader(file)) {
            into.load(r);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("cannot read configuration file " + file + ": no such file");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read configuration file " + file + ": " + e.getMessage());
        }
    }

    private static void printHelp() {
        System.out.println("Usage: java -jar wren-broker.jar [--config FILE] [--OPTION VALUE ...]");
        System.out.println("       " + HashPasswordCommand.USAGE);
        System.out.println("         reads a password and prints its hash for the users file (see users-file)");
        System.out.println();
        System.out.println("  --config FILE                 a properties file with any of the options below");
        for (Map.Entry<String, String> e : BrokerConfig.KEYS.entrySet()) {
            System.out.printf("  --%-28s%s%n", e.getKey() + " VALUE", e.getValue());
        }
    }
}
