package io.wrenmq.broker.transport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.UnrecoverableKeyException;
import java.util.Collections;
import java.util.List;

/** Reads a key or trust store file at start-up, turning each way it can fail into one line naming the option. */
final class KeyStoreFile {

    private KeyStoreFile() {
    }

    /**
     * The store in {@code file}, or null after adding to {@code errors} why it cannot be read. The message names
     * {@code option} and the file, never the password.
     */
    static KeyStore load(String option, Path file, String type, String password, List<String> errors) {
        String prefix = option + " " + file.toAbsolutePath() + ": ";
        KeyStore store;
        try {
            store = KeyStore.getInstance(type);
        } catch (KeyStoreException e) {
            errors.add(prefix + "unknown key store type '" + type + "' (PKCS12 or JKS)");
            return null;
        }
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password == null ? null : password.toCharArray());
            return store;
        } catch (NoSuchFileException e) {
            errors.add(prefix + "no such file");
        } catch (IOException e) {
            // A wrong password surfaces as an IOException caused by UnrecoverableKeyException.
            errors.add(prefix + (e.getCause() instanceof UnrecoverableKeyException
                    ? "wrong password (" + option + "-password)" : "cannot read it as a " + type + " key store ("
                    + e.getMessage() + ")"));
        } catch (GeneralSecurityException e) {
            errors.add(prefix + "cannot read it as a " + type + " key store (" + e + ")");
        }
        return null;
    }

    /** Whether {@code store} has at least one private key entry (a certificate alone cannot serve TLS). */
    static boolean hasPrivateKey(KeyStore store) {
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    return true;
                }
            }
            return false;
        } catch (KeyStoreException e) {
            throw new IllegalStateException("a loaded key store refused to list its entries", e);
        }
    }
}
