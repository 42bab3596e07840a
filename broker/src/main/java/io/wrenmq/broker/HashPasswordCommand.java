package io.wrenmq.broker;

import io.wrenmq.broker.security.PasswordHash;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;

/**
 * {@code java -jar wren-broker.jar hash-password [--iterations N]}: reads a password from the console (twice, not
 * echoed) or, when there is none, one line from standard input, and prints the line to put in the users file.
 * The password is never an argument: arguments show up in shell histories and process lists.
 */
final class HashPasswordCommand {
    static final String NAME = "hash-password";
    static final String USAGE = "java -jar wren-broker.jar " + NAME + " [--iterations N]";

    private final Console console;
    private final BufferedReader stdin;
    private final PrintStream out;
    private final PrintStream err;

    HashPasswordCommand(Console console, BufferedReader stdin, PrintStream out, PrintStream err) {
        this.console = console;
        this.stdin = stdin;
        this.out = out;
        this.err = err;
    }

    /** @return the exit status: 0 with the hash printed, 1 if no password was read, 2 for bad arguments */
    int run(String[] args) {
        int iterations = PasswordHash.DEFAULT_ITERATIONS;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                out.println("Usage: " + USAGE);
                out.println("Reads a password (from the console, or one line of standard input) and prints its hash"
                        + " for the users file. --iterations defaults to " + PasswordHash.DEFAULT_ITERATIONS + ".");
                return 0;
            }
            try {
                if (a.equals("--iterations") && i + 1 < args.length) {
                    iterations = Integer.parseInt(args[++i]);
                } else if (a.startsWith("--iterations=")) {
                    iterations = Integer.parseInt(a.substring("--iterations=".length()));
                } else {
                    err.println("wren-broker " + NAME + ": unexpected argument '" + a + "'; usage: " + USAGE);
                    return 2;
                }
            } catch (NumberFormatException e) {
                err.println("wren-broker " + NAME + ": --iterations needs a number");
                return 2;
            }
        }
        char[] password = null;
        try {
            password = readPassword();
            if (password == null) {
                return 1;
            }
            out.println(PasswordHash.create(password, iterations).encoded());
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("wren-broker " + NAME + ": " + e.getMessage());
            return 2;
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
    }

    /** The password, or null after saying why there is none. */
    private char[] readPassword() {
        if (console != null) {
            char[] first = console.readPassword("Password: ");
            char[] again = first == null ? null : console.readPassword("Again: ");
            if (first == null || again == null) {
                err.println("wren-broker " + NAME + ": no password read");
                return null;
            }
            boolean same = Arrays.equals(first, again);
            Arrays.fill(again, '\0');
            if (!same) {
                Arrays.fill(first, '\0');
                err.println("wren-broker " + NAME + ": the two passwords differ");
                return null;
            }
            return first;
        }
        try {
            String line = stdin.readLine();
            if (line == null || line.isEmpty()) {
                err.println("wren-broker " + NAME + ": no password on standard input");
                return null;
            }
            return line.toCharArray();
        } catch (IOException e) {
            err.println("wren-broker " + NAME + ": cannot read standard input: " + e.getMessage());
            return null;
        }
    }
}
