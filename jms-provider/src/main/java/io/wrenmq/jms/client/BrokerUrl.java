package io.wrenmq.jms.client;

import io.wrenmq.jms.client.spi.InVmConnector;
import io.wrenmq.jms.message.DeserializationPolicy;
import io.wrenmq.protocol.Protocol;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A broker address: {@code tcp://host:port?key=value&...}, {@code ssl://host:port?key=value&...} for TLS (also
 * written, as Artemis users do, {@code tcp://host:port?sslEnabled=true&...}), or
 * {@code vm://name?key=value&...} for a broker in this JVM (see {@link InVmConnector}). A TCP port defaults to
 * {@value Protocol#DEFAULT_PORT}, a TLS port to {@value Protocol#DEFAULT_TLS_PORT}; an in-VM URL has no port and
 * {@link #host()} is the broker's name.
 *
 * <p>Options (all optional): {@code prefetch} (consumer window, default {@value #DEFAULT_PREFETCH}; 0 = pull),
 * {@code user}, {@code password}, {@code clientID}, {@code connectTimeout} and {@code requestTimeout} (millis,
 * defaults 10000 and 30000), {@value #DESERIALIZATION_ALLOW_LIST} and {@value #DESERIALIZATION_DENY_LIST}; for
 * {@code vm://} also {@code persistent}, {@code create} (true or false) and {@code dataDir}, which go to the broker;
 * for {@code ssl://} also those of {@link ClientTls}.
 */
public record BrokerUrl(String scheme, String host, int port, Map<String, String> options) {
    public static final int DEFAULT_PREFETCH = 1000;
    /** Comma-separated classes and packages ObjectMessages may deserialize; see {@link DeserializationPolicy}. */
    public static final String DESERIALIZATION_ALLOW_LIST = "deserializationAllowList";
    /** Comma-separated classes and packages ObjectMessages never deserialize. */
    public static final String DESERIALIZATION_DENY_LIST = "deserializationDenyList";
    public static final String TCP = "tcp";
    public static final String VM = "vm";
    public static final String SSL = "ssl";
    /** Artemis's way to ask for TLS: {@code tcp://host:port?sslEnabled=true} is {@code ssl://host:port}. */
    public static final String SSL_ENABLED = "sslEnabled";
    static final Set<String> KNOWN_OPTIONS = Set.of("prefetch", "user", "password", "clientID", "connectTimeout",
            "requestTimeout", DESERIALIZATION_ALLOW_LIST, DESERIALIZATION_DENY_LIST);
    /** Options of vm:// URLs that configure the broker rather than the connection. */
    static final Set<String> BROKER_OPTIONS = Set.of(InVmConnector.PERSISTENT, InVmConnector.DATA_DIR,
            InVmConnector.CREATE);
    /** A broker name is also a directory name (the default data directory), so it stays plain. */
    private static final Pattern VM_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final String EXPECTED = "expected tcp://host:port, ssl://host:port or vm://name";

    public BrokerUrl {
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /**
     * Parses a URL.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public static BrokerUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("the broker URL is empty; " + EXPECTED);
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + url + "' is not a broker URL (" + EXPECTED + "): "
                    + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        BrokerUrl parsed;
        Map<String, String> query = query(uri);
        if (TCP.equals(scheme)) {
            boolean tls = sslEnabled(query);
            Map<String, String> options = options(url, query, union(tls ? union(KNOWN_OPTIONS, ClientTls.OPTIONS)
                    : KNOWN_OPTIONS, Set.of(SSL_ENABLED)));
            options.remove(SSL_ENABLED);
            parsed = new BrokerUrl(tls ? SSL : TCP, tcpHost(url, uri), uri.getPort() < 0 ? Protocol.DEFAULT_PORT
                    : uri.getPort(), options);
        } else if (SSL.equals(scheme)) {
            parsed = new BrokerUrl(SSL, tcpHost(url, uri), uri.getPort() < 0 ? Protocol.DEFAULT_TLS_PORT
                    : uri.getPort(), options(url, query, union(KNOWN_OPTIONS, ClientTls.OPTIONS)));
        } else if (VM.equals(scheme)) {
            parsed = new BrokerUrl(VM, vmName(url, uri), -1, options(url, query,
                    union(KNOWN_OPTIONS, BROKER_OPTIONS)));
        } else {
            throw new IllegalArgumentException("'" + url + "': unsupported scheme '" + uri.getScheme() + "'; "
                    + EXPECTED);
        }
        parsed.prefetch(DEFAULT_PREFETCH);
        parsed.millis("connectTimeout", 1);
        parsed.millis("requestTimeout", 1);
        parsed.classList(DESERIALIZATION_ALLOW_LIST);
        parsed.classList(DESERIALIZATION_DENY_LIST);
        parsed.checkBrokerOptions();
        parsed.flag(ClientTls.VERIFY_HOST, true);
        return parsed;
    }

    private static String tcpHost(String url, URI uri) {
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("'" + url + "' names no host; expected " + uri.getScheme()
                    + "://host:port");
        }
        return host;
    }

    /** The authority, not the host: {@code vm://my_broker} is a fine name, though not a host name. */
    private static String vmName(String url, URI uri) {
        String name = uri.getRawAuthority();
        if (name == null || !VM_NAME.matcher(name).matches()
                || !(uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))) {
            throw new IllegalArgumentException("'" + url + "' names no in-VM broker; expected vm://name, where the "
                    + "name is up to 64 letters, digits, '.', '_' and '-', e.g. vm://localhost or vm://0");
        }
        return name;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new TreeSet<>(a);
        u.addAll(b);
        return u;
    }

    /** The options of {@code url}, in their order, decoded. */
    private static Map<String, String> query(URI uri) {
        Map<String, String> options = new LinkedHashMap<>();
        String query = uri.getRawQuery();
        if (query == null || query.isEmpty()) {
            return options;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            options.put(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        return options;
    }

    /** {@code query}, once every key in it is known. */
    private static Map<String, String> options(String url, Map<String, String> query, Set<String> known) {
        for (String key : query.keySet()) {
            if (!known.contains(key)) {
                String hint = BROKER_OPTIONS.contains(key) ? " (it configures an in-VM broker: vm:// URLs only)"
                        : ClientTls.OPTIONS.contains(key) ? " (a TLS option: ssl:// URLs, or tcp:// with "
                        + SSL_ENABLED + "=true)" : "";
                throw new IllegalArgumentException("'" + url + "': unknown option '" + key + "'" + hint
                        + "; known options: " + String.join(", ", new TreeSet<>(known)));
            }
        }
        return new LinkedHashMap<>(query);
    }

    private static boolean sslEnabled(Map<String, String> query) {
        String v = query.get(SSL_ENABLED);
        if (v != null && !v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException("option " + SSL_ENABLED + "=" + v + " is not true or false");
        }
        return "true".equals(v);
    }

    private void checkBrokerOptions() {
        flag(InVmConnector.PERSISTENT, true);
        flag(InVmConnector.CREATE, true);
        String dir = options.get(InVmConnector.DATA_DIR);
        if (dir != null && dir.isBlank()) {
            throw new IllegalArgumentException("option " + InVmConnector.DATA_DIR + " is empty; expected a directory");
        }
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /** Whether the connection is to be TLS ({@code ssl://}). */
    public boolean tls() {
        return SSL.equals(scheme);
    }

    /** Whether this names a broker in this JVM ({@code vm://name}), whose name is {@link #host()}. */
    public boolean inVm() {
        return VM.equals(scheme);
    }

    /** Where the broker is, for messages: {@code host:port} or {@code vm://name}. */
    public String address() {
        return inVm() ? "vm://" + host : host + ":" + port;
    }

    /** The options of a vm:// URL that configure the broker, not the connection. */
    public Map<String, String> brokerOptions() {
        Map<String, String> b = new LinkedHashMap<>(options);
        b.keySet().retainAll(BROKER_OPTIONS);
        return b;
    }

    /** The {@code prefetch} option, or {@code fallback}. */
    public int prefetch(int fallback) {
        String v = options.get("prefetch");
        if (v == null) {
            return fallback;
        }
        try {
            int p = Integer.parseInt(v);
            if (p < 0) {
                throw new NumberFormatException();
            }
            return p;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option prefetch=" + v + " is not a whole number >= 0");
        }
    }

    /** A duration option in milliseconds, or {@code fallback}. */
    public long millis(String key, long fallback) {
        String v = options.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            long ms = Long.parseLong(v);
            if (ms <= 0) {
                throw new NumberFormatException();
            }
            return ms;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option " + key + "=" + v + " is not a positive number of milliseconds");
        }
    }

    private void classList(String key) {
        try {
            DeserializationPolicy.entries(options.get(key));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("option " + key + ": " + e.getMessage());
        }
    }

    /**
     * A true-or-false option, or {@code fallback}.
     *
     * @throws IllegalArgumentException if it is neither
     */
    public boolean flag(String key, boolean fallback) {
        String v = options.get(key);
        if (v == null) {
            return fallback;
        }
        if (!v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException("option " + key + "=" + v + " is not true or false");
        }
        return Boolean.parseBoolean(v);
    }

    /** A string option, or null. */
    public String option(String key) {
        return options.get(key);
    }

    @Override
    public String toString() {
        // Never print a password (that of the login or of a key store).
        StringBuilder sb = new StringBuilder(scheme).append("://").append(host);
        if (!inVm()) {
            sb.append(':').append(port);
        }
        String sep = "?";
        for (Map.Entry<String, String> e : options.entrySet()) {
            sb.append(sep).append(e.getKey()).append('=')
                    .append(e.getKey().toLowerCase(Locale.ROOT).contains("password") ? "***" : e.getValue());
            sep = "&";
        }
        return sb.toString();
    }
}
