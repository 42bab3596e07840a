package io.wrenmq.jms;

import java.util.Map;

/**
 * Renames the URL options that other providers' users write to Wren's own, so that a URL copied from an ActiveMQ,
 * Artemis or Qpid JMS configuration keeps its client id, credentials and prefetch when only its host and port are
 * changed: {@code jms.clientID}, {@code jms.userName} / {@code jms.username}, {@code jms.password} and
 * {@code jms.prefetchPolicy.all}, and {@code userName} / {@code username} / {@code clientId} without the prefix;
 * Artemis's older {@code deserializationWhiteList} / {@code deserializationBlackList}; ActiveMQ's in-VM broker
 * options {@code broker.persistent} and {@code broker.dataDirectory}.
 * Every other option goes through unchanged, to be accepted or refused by the URL parser.
 */
final class UrlOptionAliases {
    private static final Map<String, String> CANONICAL = Map.ofEntries(
            Map.entry("jms.clientID", "clientID"),
            Map.entry("clientId", "clientID"),
            Map.entry("jms.userName", "user"),
            Map.entry("jms.username", "user"),
            Map.entry("userName", "user"),
            Map.entry("username", "user"),
            Map.entry("jms.password", "password"),
            Map.entry("jms.prefetchPolicy.all", "prefetch"),
            Map.entry("deserializationWhiteList", "deserializationAllowList"),
            Map.entry("deserializationBlackList", "deserializationDenyList"),
            Map.entry("broker.persistent", "persistent"),
            Map.entry("broker.dataDirectory", "dataDir"));

    private UrlOptionAliases() {
    }

    /** {@code url} with every aliased option key replaced by Wren's name for it; null stays null. */
    static String canonical(String url) {
        int query = url == null ? -1 : url.indexOf('?');
        if (query < 0) {
            return url;
        }
        StringBuilder out = new StringBuilder(url.length()).append(url, 0, query + 1);
        String sep = "";
        for (String pair : url.substring(query + 1).split("&", -1)) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            out.append(sep).append(CANONICAL.getOrDefault(key, key));
            if (eq >= 0) {
                out.append(pair, eq, pair.length());
            }
            sep = "&";
        }
        return out.toString();
    }
}
