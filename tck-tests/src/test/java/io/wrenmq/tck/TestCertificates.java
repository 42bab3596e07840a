package io.wrenmq.tck;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Key and trust stores made at run time, self-signed and without a CA, in a directory of the test's: nothing secret
 * is checked in, and nothing expires between runs. The JDK has no public API to make a certificate, so its own
 * {@code keytool} makes the key stores, all at once in parallel processes; trust stores are then assembled in
 * process from their certificates. EC keys, because they are generated in milliseconds where RSA takes a second.
 * Every store is PKCS12 with the password {@link #PASSWORD}.
 */
final class TestCertificates {
    static final String PASSWORD = "changeit-" + Long.toHexString(System.nanoTime());

    private final Path dir;
    private final Map<String, List<String>> pending = new LinkedHashMap<>();

    TestCertificates(Path dir) {
        this.dir = dir;
    }

    /**
     * Asks for a key store {@code name} with a self-signed certificate for {@code cn} whose subject alternative
     * names are {@code san} (e.g. {@code ip:127.0.0.1,dns:localhost}; null for none); {@link #generate} makes it.
     */
    TestCertificates keyStore(String name, String cn, String san) {
        List<String> args = new ArrayList<>(List.of("-genkeypair", "-alias", name, "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=" + cn, "-validity", "2", "-keystore", path(name).toString(),
                "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD));
        if (san != null) {
            args.addAll(List.of("-ext", "SAN=" + san));
        }
        pending.put(name, args);
        return this;
    }

    /** Runs keytool for every key store asked for, in parallel. */
    TestCertificates generate() {
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        try {
            Map<String, Process> running = new LinkedHashMap<>();
            for (Map.Entry<String, List<String>> e : pending.entrySet()) {
                List<String> command = new ArrayList<>(List.of(keytool));
                command.addAll(e.getValue());
                running.put(e.getKey(), new ProcessBuilder(command).redirectErrorStream(true).start());
            }
            for (Map.Entry<String, Process> e : running.entrySet()) {
                Process p = e.getValue();
                String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    throw new IllegalStateException("keytool failed to make " + e.getKey() + ": " + output);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + keytool + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running keytool", e);
        }
        pending.clear();
        return this;
    }

    /** The file of the store {@code name}. */
    Path path(String name) {
        return dir.resolve(name + ".p12");
    }

    /** A trust store {@code name} holding the certificates of the given key stores, and nothing secret. */
    Path trustStore(String name, String... trusted) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            for (String t : trusted) {
                KeyStore keys = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(path(t))) {
                    keys.load(in, PASSWORD.toCharArray());
                }
                trust.setCertificateEntry(t, keys.getCertificate(t));
            }
            try (OutputStream out = Files.newOutputStream(path(name))) {
                trust.store(out, PASSWORD.toCharArray());
            }
            return path(name);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot make trust store " + name + ": " + e, e);
        }
    }
}
