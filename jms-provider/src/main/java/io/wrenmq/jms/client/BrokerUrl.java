package io.wrenmq.jms.client;

import io.wrenmq.jms.message.DeserializationPolicy;
import io.wrenmq.protocol.Protocol;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A broker address: {@code tcp://host:port?key=value&...}. The port defaults to {@value Protocol#DEFAULT_PORT}.
 *
 * <p>Options (all optional): {@code prefetch} (consumer window, default {@value #DEFAULT_PREFETCH}; 0 = pull),
 * {@code user}, {@code password}, {@code clientID}, {@code connectTimeout} and {@code requestTimeout} (millis,
 * defaults 10000 and 30000), {@value #DESERIALIZATION_ALLOW_LIST} and {@value #DESERIALIZATION_DENY_LIST}.
 */
public record BrokerUrl(String host, int port, Map<String, String> options) {
    public static final int DEFAULT_PREFETCH = 1000;
    /** Comma-separated classes and packages ObjectMessages may deserialize; see {@link DeserializationPolicy}. */
    public static final String DESERIALIZATION_ALLOW_LIST = "deserializationAllowList";
    /** Comma-separated classes and packages ObjectMessages never deserialize. */
    public static final String DESERIALIZATION_DENY_LIST = "deserializationDenyList";
    static final Set<String> KNOWN_OPTIONS = Set.of("prefetch", "user", "password", "clientID", "connectTimeout",
            "requestTimeout", DESERIALIZATION_ALLOW_LIST, DESERIALIZATION_DENY_LIST);

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
            throw new IllegalArgumentException("the broker URL is empty; expected tcp://host:port");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + url + "' is not a broker URL (tcp://host:port): " + e.getMessage());
        }
        if (!"tcp".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("'" + url + "': unsupported scheme '" + uri.getScheme()
                    + "'; expected tcp://host:port");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("'" + url + "' names no host; expected tcp://host:port");
        }
        int port = uri.getPort() < 0 ? Protocol.DEFAULT_PORT : uri.getPort();
        Map<String, String> options = new LinkedHashMap<>();
        String query = uri.getRawQuery();
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                if (!KNOWN_OPTIONS.contains(key)) {
                    throw new IllegalArgumentException("'" + url + "': unknown option '" + key + "'; known options: "
                            + String.join(", ", new java.util.TreeSet<>(KNOWN_OPTIONS)));
                }
                options.put(key, value);
            }
        }
        BrokerUrl parsed = new BrokerUrl(host, port, options);
        parsed.prefetch(DEFAULT_PREFETCH);
        parsed.millis("connectTimeout", 1);
        parsed.millis("requestTimeout", 1);
        parsed.classList(DESERIALIZATION_ALLOW_LIST);
        parsed.classList(DESERIALIZATION_DENY_LIST);
        return parsed;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
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

    /** A string option, or null. */
    public String option(String key) {
        return options.get(key);
    }

    @Override
    public String toString() {
        // Never print the password.
        StringBuilder sb = new StringBuilder("tcp://").append(host).append(':').append(port);
        String sep = "?";
        for (Map.Entry<String, String> e : options.entrySet()) {
            sb.append(sep).append(e.getKey()).append('=')
                    .append(e.getKey().equals("password") ? "***" : e.getValue());
            sep = "&";
        }
        return sb.toString();
    }
}
