package io.wrenmq.broker.transport;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.wrenmq.protocol.Protocol;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The broker's TLS acceptor ({@code ssl://} clients): a second listening port beside the plain one, as ActiveMQ's
 * {@code ssl://0.0.0.0:61617} connector is, off unless {@value #PORT} is set. Its key store holds the broker's
 * certificate and private key; a trust store, the certificates (or CAs) of clients that must or may present one
 * ({@value #CLIENT_AUTH} {@code need} or {@code want}, mutual TLS).
 *
 * <p>{@link Builder#build} reads the stores and builds the JDK-engine {@link SslContext} once, at start-up, so that a
 * missing file or a wrong password stops the broker with a line naming the option, never a failed handshake later.
 * Immutable; the passwords are not kept and never printed.
 */
public final class TlsConfig {
    /** Every TLS option starts so. */
    public static final String PREFIX = "ssl-";
    public static final String PORT = "ssl-port";
    public static final String KEY_STORE = "ssl-key-store";
    public static final String KEY_STORE_PASSWORD = "ssl-key-store-password";
    public static final String KEY_STORE_TYPE = "ssl-key-store-type";
    public static final String TRUST_STORE = "ssl-trust-store";
    public static final String TRUST_STORE_PASSWORD = "ssl-trust-store-password";
    public static final String TRUST_STORE_TYPE = "ssl-trust-store-type";
    public static final String CLIENT_AUTH = "ssl-client-auth";
    public static final String PROTOCOLS = "ssl-protocols";
    public static final String CIPHER_SUITES = "ssl-cipher-suites";
    private static final String DEFAULT_STORE_TYPE = "PKCS12";

    /** No TLS acceptor. */
    public static final TlsConfig OFF = new TlsConfig(-1, null, "off");

    private final int port;
    private final SslContext context;
    private final String description;

    private TlsConfig(int port, SslContext context, String description) {
        this.port = port;
        this.context = context;
        this.description = description;
    }

    /** The options' descriptions, for {@code BrokerConfig.KEYS}. */
    public static void describe(Map<String, String> keys) {
        keys.put(PORT, "TCP port of a second acceptor, for TLS clients (ssl://host:port); 0 picks a free one; "
                + "needs " + KEY_STORE + " (default: none, no TLS; " + Protocol.DEFAULT_TLS_PORT + " by convention)");
        keys.put(KEY_STORE, "key store file with the broker's certificate and private key (default: none)");
        keys.put(KEY_STORE_PASSWORD, "password of the key store and of its key (default: none)");
        keys.put(KEY_STORE_TYPE, "PKCS12 or JKS (default " + DEFAULT_STORE_TYPE + ")");
        keys.put(TRUST_STORE, "trust store file with the certificates, or CAs, of clients that present one "
                + "(mutual TLS); needed by " + CLIENT_AUTH + " want or need (default: none)");
        keys.put(TRUST_STORE_PASSWORD, "password of the trust store (default: none)");
        keys.put(TRUST_STORE_TYPE, "PKCS12 or JKS (default " + DEFAULT_STORE_TYPE + ")");
        keys.put(CLIENT_AUTH, "none, want (a client may present a certificate, which must then be trusted) or need "
                + "(every client must present a trusted one) (default none)");
        keys.put(PROTOCOLS, "TLS versions accepted, comma-separated, e.g. TLSv1.3 (default: the JDK's, "
                + "TLSv1.3 and TLSv1.2)");
        keys.put(CIPHER_SUITES, "cipher suites accepted, comma-separated (default: the JDK's)");
    }

    /** Whether the broker has a TLS acceptor. */
    public boolean enabled() {
        return context != null;
    }

    /** The TLS port configured ({@code 0}: any free one); meaningless unless {@link #enabled()}. */
    public int port() {
        return port;
    }

    SslContext context() {
        return context;
    }

    @Override
    public String toString() {
        return description;
    }

    /** Collects the settings; {@link #build} reads the stores and checks everything together. */
    public static final class Builder {
        private Integer port;
        private Path keyStore;
        private String keyStorePassword;
        private String keyStoreType = DEFAULT_STORE_TYPE;
        private Path trustStore;
        private String trustStorePassword;
        private String trustStoreType = DEFAULT_STORE_TYPE;
        private ClientAuth clientAuth = ClientAuth.NONE;
        private List<String> protocols;
        private List<String> cipherSuites;

        /**
         * Sets one of the options above by name.
         *
         * @return false if {@code key} is none of them
         * @throws IllegalArgumentException naming the option, if the value does not parse
         * @throws NumberFormatException for a port that is not a number
         */
        public boolean set(String key, String value) {
            switch (key) {
                case PORT -> port = value.isEmpty() ? null : Integer.parseInt(value);
                case KEY_STORE -> keyStore = value.isEmpty() ? null : Path.of(value);
                case KEY_STORE_PASSWORD -> keyStorePassword = value;
                case KEY_STORE_TYPE -> keyStoreType = value;
                case TRUST_STORE -> trustStore = value.isEmpty() ? null : Path.of(value);
                case TRUST_STORE_PASSWORD -> trustStorePassword = value;
                case TRUST_STORE_TYPE -> trustStoreType = value;
                case CLIENT_AUTH -> clientAuth = clientAuth(value);
                case PROTOCOLS -> protocols = list(value);
                case CIPHER_SUITES -> cipherSuites = list(value);
                default -> {
                    return false;
                }
            }
            return true;
        }

        /** Whether a TLS port is set, and so the broker will listen for TLS clients. */
        public boolean enabled() {
            return port != null;
        }

        private static ClientAuth clientAuth(String value) {
            return switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "none" -> ClientAuth.NONE;
                case "want" -> ClientAuth.OPTIONAL;
                case "need" -> ClientAuth.REQUIRE;
                default -> throw new IllegalArgumentException("option '" + CLIENT_AUTH + "': '" + value
                        + "' is not none, want or need");
            };
        }

        private static List<String> list(String value) {
            List<String> items = Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
            return items.isEmpty() ? null : items;
        }

        /** The configuration ({@link #OFF} without a port), or null after adding to {@code errors} what is wrong. */
        public TlsConfig build(List<String> errors) {
            int before = errors.size();
            if (port == null) {
                if (keyStore != null || trustStore != null || clientAuth != ClientAuth.NONE) {
                    errors.add(PREFIX + "* options are set but " + PORT + " is not: set it to listen for TLS clients");
                }
                return errors.size() > before ? null : OFF;
            }
            if (port < 0 || port > 65535) {
                errors.add(PORT + " " + port + " is not within 0..65535");
            }
            if (keyStore == null) {
                errors.add(PORT + " needs " + KEY_STORE + ", the broker's certificate and private key");
            }
            if (clientAuth != ClientAuth.NONE && trustStore == null) {
                errors.add(CLIENT_AUTH + "=" + (clientAuth == ClientAuth.REQUIRE ? "need" : "want") + " needs "
                        + TRUST_STORE + ", what the clients' certificates must chain to");
            }
            if (errors.size() > before) {
                return null;
            }
            KeyStore keys = KeyStoreFile.load(KEY_STORE, keyStore, keyStoreType, keyStorePassword, errors);
            KeyStore trust = trustStore == null ? null
                    : KeyStoreFile.load(TRUST_STORE, trustStore, trustStoreType, trustStorePassword, errors);
            if (errors.size() > before) {
                return null;
            }
            if (!KeyStoreFile.hasPrivateKey(keys)) {
                errors.add(KEY_STORE + " " + keyStore + " holds no private key: it must hold the broker's "
                        + "certificate with its key, not only certificates");
                return null;
            }
            try {
                return new TlsConfig(port, context(keys, trust), summary());
            } catch (GeneralSecurityException | SSLException | IllegalArgumentException e) {
                errors.add("cannot set up TLS from " + KEY_STORE + " " + keyStore + ": " + e.getMessage());
                return null;
            }
        }

        private SslContext context(KeyStore keys, KeyStore trust) throws GeneralSecurityException, SSLException {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, keyStorePassword == null ? new char[0] : keyStorePassword.toCharArray());
            SslContextBuilder b = SslContextBuilder.forServer(kmf).sslProvider(SslProvider.JDK).clientAuth(clientAuth);
            if (trust != null) {
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(trust);
                b.trustManager(tmf);
            }
            if (protocols != null) {
                b.protocols(protocols);
            }
            if (cipherSuites != null) {
                b.ciphers(cipherSuites);
            }
            return b.build();
        }

        private String summary() {
            String auth = switch (clientAuth) {
                case NONE -> "none";
                case OPTIONAL -> "want";
                case REQUIRE -> "need";
            };
            return "port " + port + ", key store " + keyStore + " (" + keyStoreType + "), client certificates "
                    + auth + (trustStore == null ? "" : ", trust store " + trustStore + " (" + trustStoreType + ")")
                    + (protocols == null ? "" : ", protocols " + String.join(",", protocols))
                    + (cipherSuites == null ? "" : ", " + cipherSuites.size() + " cipher suites");
        }
    }
}
