package io.wrenmq.jms.client;

import jakarta.jms.JMSException;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;
import java.util.Set;

/**
 * TLS for {@code ssl://} URLs: the {@link SSLContext} their options describe, and the {@link SSLSocket} layered over
 * a connected socket. The option names are those Artemis and Qpid JMS users know:
 *
 * <table>
 * <caption>TLS options of an {@code ssl://} URL</caption>
 * <tr><th>option</th><th>meaning</th><th>default</th></tr>
 * <tr><td>{@code trustStorePath}, {@code trustStorePassword}, {@code trustStoreType}</td>
 *     <td>the certificates the broker's must chain to</td>
 *     <td>the JDK's: {@code -Djavax.net.ssl.trustStore} or its {@code cacerts}; type PKCS12</td></tr>
 * <tr><td>{@code keyStorePath}, {@code keyStorePassword}, {@code keyStoreType}</td>
 *     <td>this client's certificate and key, for a broker that asks for one (mutual TLS)</td>
 *     <td>none; type PKCS12</td></tr>
 * <tr><td>{@code verifyHost}</td><td>whether the broker's certificate must name the URL's host</td>
 *     <td>{@code true}</td></tr>
 * <tr><td>{@code enabledProtocols}, {@code enabledCipherSuites}</td><td>comma-separated</td>
 *     <td>the JDK's</td></tr>
 * </table>
 *
 * <p>Without a trust or key store option the JDK's default context is used, so the standard
 * {@code javax.net.ssl.*} system properties apply. Passwords are never part of a message.
 */
final class ClientTls {
    static final String TRUST_STORE_PATH = "trustStorePath";
    static final String TRUST_STORE_PASSWORD = "trustStorePassword";
    static final String TRUST_STORE_TYPE = "trustStoreType";
    static final String KEY_STORE_PATH = "keyStorePath";
    static final String KEY_STORE_PASSWORD = "keyStorePassword";
    static final String KEY_STORE_TYPE = "keyStoreType";
    static final String VERIFY_HOST = "verifyHost";
    static final String ENABLED_PROTOCOLS = "enabledProtocols";
    static final String ENABLED_CIPHER_SUITES = "enabledCipherSuites";
    static final Set<String> OPTIONS = Set.of(TRUST_STORE_PATH, TRUST_STORE_PASSWORD, TRUST_STORE_TYPE,
            KEY_STORE_PATH, KEY_STORE_PASSWORD, KEY_STORE_TYPE, VERIFY_HOST, ENABLED_PROTOCOLS, ENABLED_CIPHER_SUITES);
    private static final String DEFAULT_STORE_TYPE = "PKCS12";

    private ClientTls() {
    }

    /**
     * The context {@code url}'s options describe: read before any connection is attempted, so that a store that
     * cannot be read is reported as such and not as a failed handshake.
     *
     * @throws JMSException naming the option, if a store cannot be read (no such file, wrong password, wrong type)
     */
    static SSLContext context(BrokerUrl url) throws JMSException {
        String trustStore = url.option(TRUST_STORE_PATH);
        String keyStore = url.option(KEY_STORE_PATH);
        try {
            if (trustStore == null && keyStore == null) {
                return SSLContext.getDefault();
            }
            // Null managers make SSLContext.init take the JDK's defaults, javax.net.ssl.trustStore included.
            TrustManager[] trust = null;
            if (trustStore != null) {
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(load(url, TRUST_STORE_PATH, TRUST_STORE_PASSWORD, TRUST_STORE_TYPE));
                trust = tmf.getTrustManagers();
            }
            KeyManager[] keys = null;
            if (keyStore != null) {
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(load(url, KEY_STORE_PATH, KEY_STORE_PASSWORD, KEY_STORE_TYPE),
                        password(url, KEY_STORE_PASSWORD));
                keys = kmf.getKeyManagers();
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, trust, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw Exceptions.withCause(new JMSException("cannot set up TLS for " + url.address() + ": " + e), e);
        }
    }

    private static KeyStore load(BrokerUrl url, String pathOption, String passwordOption, String typeOption)
            throws JMSException {
        Path path = Path.of(url.option(pathOption));
        String type = url.option(typeOption) == null ? DEFAULT_STORE_TYPE : url.option(typeOption);
        String what = "option " + pathOption + ": cannot read " + path.toAbsolutePath() + " as a " + type
                + " key store: ";
        try (InputStream in = Files.newInputStream(path)) {
            KeyStore store = KeyStore.getInstance(type);
            store.load(in, password(url, passwordOption));
            return store;
        } catch (NoSuchFileException e) {
            throw Exceptions.withCause(new JMSException(what + "no such file"), e);
        } catch (IOException e) {
            String hint = e.getCause() instanceof UnrecoverableKeyException ? " (check " + passwordOption + ")" : "";
            throw Exceptions.withCause(new JMSException(what + e.getMessage() + hint), e);
        } catch (GeneralSecurityException e) {
            throw Exceptions.withCause(new JMSException(what + e.getMessage() + " (check " + typeOption + ")"), e);
        }
    }

    private static char[] password(BrokerUrl url, String option) {
        String p = url.option(option);
        return p == null ? null : p.toCharArray();
    }

    /**
     * Layers TLS over a connected socket and shakes hands within {@code timeoutMs}: an untrusted or misnamed broker
     * then fails {@code createConnection} with the reason, rather than as a lost connection later. Closing the
     * returned socket closes {@code socket}.
     *
     * @throws SSLException if the handshake fails; {@link #explain} says why in words
     */
    static SSLSocket layer(SSLContext context, Socket socket, BrokerUrl url, int timeoutMs) throws IOException {
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(socket, url.host(), url.port(), true);
        SSLParameters parameters = tls.getSSLParameters();
        if (url.flag(VERIFY_HOST, true)) {
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
        }
        if (url.option(ENABLED_PROTOCOLS) != null) {
            parameters.setProtocols(list(url.option(ENABLED_PROTOCOLS)));
        }
        if (url.option(ENABLED_CIPHER_SUITES) != null) {
            parameters.setCipherSuites(list(url.option(ENABLED_CIPHER_SUITES)));
        }
        tls.setSSLParameters(parameters);
        tls.setSoTimeout(timeoutMs);
        tls.startHandshake();
        tls.setSoTimeout(0);
        return tls;
    }

    private static String[] list(String commaSeparated) {
        return commaSeparated.trim().split("\\s*,\\s*");
    }

    /**
     * A TLS failure after this side's handshake was done, in words. With TLS 1.3 a broker checks the client's
     * certificate after the client has finished its handshake, so a refused one shows up here, at the first read.
     */
    static String explainRefusal(SSLException e) {
        String m = String.valueOf(e.getMessage());
        boolean certificate = m.contains("bad_certificate") || m.contains("certificate_required")
                || m.contains("certificate_unknown");
        return "TLS failed: " + m + (certificate ? " (the broker refused this client's certificate, or its absence: "
                + "check " + KEY_STORE_PATH + ")" : "");
    }

    /**
     * A connection over TLS that ended before the broker's WELCOME, without a client certificate configured: a
     * broker that needs one may close before its alert is read (the HELLO crossing its close makes a reset), so the
     * failure names the option to check. A refusal the broker typed (a wrong password) is left as it is.
     */
    static JMSException withRefusalHint(BrokerUrl url, JMSException e) {
        if (e.getClass() != JMSException.class || url.option(KEY_STORE_PATH) != null
                || String.valueOf(e.getMessage()).contains(KEY_STORE_PATH)) {
            return e;
        }
        return Exceptions.withCause(new JMSException(e.getMessage() + " (if the broker requires client "
                + "certificates, set " + KEY_STORE_PATH + ")", e.getErrorCode()), e);
    }

    /** A failed handshake in words, with what to check. */
    static String explain(BrokerUrl url, SSLException e) {
        String hint = "";
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertPathBuilderException) {
                hint = " (the broker's certificate is not trusted: is it, or its CA, in " + TRUST_STORE_PATH + "?)";
                break;
            }
            if (t instanceof CertificateException && String.valueOf(t.getMessage()).contains("matching")) {
                hint = " (the broker's certificate does not name " + url.host() + "; " + VERIFY_HOST
                        + "=false turns this check off)";
                break;
            }
        }
        return "TLS handshake with the broker at " + url.address() + " failed: " + e.getMessage() + hint;
    }
}
