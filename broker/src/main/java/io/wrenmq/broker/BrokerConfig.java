package io.wrenmq.broker;

import io.wrenmq.broker.security.SecurityConfig;
import io.wrenmq.broker.transport.TlsConfig;
import io.wrenmq.protocol.Protocol;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Everything a broker is configured with, validated once by {@link Builder#build()} and immutable afterwards.
 * Every default is here and nowhere else; the README's table of options mirrors {@link #KEYS}.
 *
 * <p>Built from code ({@link #builder()}) or from a properties file ({@link #fromProperties}), whose keys are the
 * names in {@link #KEYS}. Sizes accept a {@code k}, {@code m} or {@code g} suffix, durations {@code ms}, {@code s},
 * {@code m}.
 */
public final class BrokerConfig {

    /** Option name to its description and default, for the README, {@code --help} and error messages. */
    public static final Map<String, String> KEYS = keys();
    /** What a broker name may be: it is also a directory name, that of an in-VM broker's default data directory. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final String name;
    private final boolean tcp;
    private final String host;
    private final int port;
    private final Path dataDir;
    private final int ioThreads;
    private final int maxFrameSize;
    private final long maxDestinationMemory;
    private final int sendWindow;
    private final Duration heartbeat;
    private final Duration handshakeTimeout;
    private final boolean persistent;
    private final String jdbcUrl;
    private final String jdbcUser;
    private final String jdbcPassword;
    private final boolean syncCommits;
    private final DestinationPolicies policies;
    private final Duration expiryScanPeriod;
    private final SecurityConfig security;
    private final TlsConfig tls;
    private final ConnectionLimits limits;

    private BrokerConfig(Builder b, SecurityConfig security, TlsConfig tls) {
        this.name = b.name;
        this.tcp = b.tcp;
        this.host = b.host;
        this.port = b.port;
        this.dataDir = b.dataDir;
        this.ioThreads = b.ioThreads;
        this.maxFrameSize = b.maxFrameSize;
        this.maxDestinationMemory = b.maxDestinationMemory;
        this.sendWindow = b.sendWindow;
        this.heartbeat = b.heartbeat;
        this.handshakeTimeout = b.handshakeTimeout;
        this.persistent = b.persistent;
        this.jdbcUrl = b.jdbcUrl;
        this.jdbcUser = b.jdbcUser;
        this.jdbcPassword = b.jdbcPassword;
        this.syncCommits = b.syncCommits;
        this.policies = b.policies;
        this.expiryScanPeriod = b.expiryScanPeriod;
        this.security = security;
        this.tls = tls;
        this.limits = b.limits;
    }

    private static Map<String, String> keys() {
        Map<String, String> k = new TreeMap<>();
        k.put("name", "the broker's name: clients in the same JVM reach it at vm://<name>, without TCP "
                + "(default: none, no in-VM clients)");
        k.put("tcp", "listen on host and port for TCP clients; false for a broker only in-VM clients reach, "
                + "which needs a name, or only TLS clients, with an ssl-port (default true)");
        k.put("host", "address to listen on (default 0.0.0.0, every interface)");
        k.put("port", "TCP port; 0 picks a free one (default " + Protocol.DEFAULT_PORT + ")");
        k.put("data-dir", "directory for the broker's data (default ./data)");
        k.put("io-threads", "Netty event-loop threads that run connections and destinations "
                + "(default: number of processors)");
        k.put("max-frame-size", "largest frame, and so message, accepted (default 4m)");
        k.put("max-destination-memory", "bytes of messages one destination may hold in memory before producers "
                + "are held back (default 64m)");
        k.put("send-window", "bytes of unreceipted sends a connection may have in flight (default 1m)");
        k.put("heartbeat", "ping interval on idle connections; a peer silent for 3 intervals is dropped; "
                + "0 disables (default 15s)");
        k.put("handshake-timeout", "time a new connection has to say hello (default 10s)");
        ConnectionLimits l = ConnectionLimits.DEFAULT;
        k.put(ConnectionLimits.MAX_CONNECTIONS, "client connections open at once; more are refused (default "
                + l.maxConnections() + ")");
        k.put(ConnectionLimits.MAX_SESSIONS, "sessions one connection may have open (default "
                + l.maxSessionsPerConnection() + ")");
        k.put(ConnectionLimits.MAX_CONSUMERS, "consumers one connection may have open (default "
                + l.maxConsumersPerConnection() + ")");
        k.put(ConnectionLimits.MAX_SELECTOR_LENGTH, "characters a message selector may have (default "
                + l.maxSelectorLength() + ")");
        k.put("persistent", "keep destinations, durable subscriptions and persistent messages in the store; "
                + "false keeps everything in memory (default true)");
        k.put("jdbc-url", "the store's database, e.g. jdbc:postgresql://localhost:5432/wren "
                + "(default: an embedded H2 database in data-dir)");
        k.put("jdbc-user", "database user (default: none; wren for the embedded database)");
        k.put("jdbc-password", "database password (default: none)");
        k.put("sync-commits", "embedded H2 only: sync the database file to disk at every commit, so that "
                + "persistent messages survive a machine crash, not only a broker crash (default false)");
        DestinationPolicy d = DestinationPolicy.DEFAULT;
        k.put(DestinationPolicy.MAX_DELIVERY_ATTEMPTS, "deliveries after which a message that comes back again "
                + "(rollback, recover, a listener that throws, a consumer that goes away) moves to the dead-letter "
                + "queue; 0 for no limit (default " + d.maxDeliveryAttempts() + ")");
        k.put(DestinationPolicy.REDELIVERY_DELAY, "how long a message that came back waits before it is delivered "
                + "again (default 0)");
        k.put(DestinationPolicy.DEAD_LETTER_QUEUE, "queue that takes messages delivered too often (default "
                + d.deadLetterQueue() + ")");
        k.put(DestinationPolicy.EXPIRY_QUEUE, "queue that takes expired messages; empty drops them (default "
                + d.expiryQueue() + ")");
        k.put(DestinationPolicy.FULL_POLICY, "what a send to a destination over max-destination-memory meets: block "
                + "(the producer waits) or fail (ResourceAllocationException) (default "
                + d.fullPolicy().configName() + ")");
        k.put("expiry-scan-period", "how often waiting messages are checked for expiry; 0 checks them only "
                + "when they would be delivered (default 1s)");
        k.put(POLICY_PREFIX + "<pattern>.<setting>", "one of the five settings above for the destinations "
                + "whose name matches the pattern: words separated by '.', '*' matching one word and '#' any "
                + "number, e.g. policy.orders.#.max-delivery-attempts=3 (the most specific pattern wins)");
        SecurityConfig.describe(k);
        TlsConfig.describe(k);
        return Map.copyOf(k);
    }

    /** Keys starting so set a destination policy: {@code policy.<pattern>.<setting>}. */
    public static final String POLICY_PREFIX = "policy.";

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads a configuration from properties whose keys are those of {@link #KEYS}.
     *
     * @throws IllegalArgumentException naming the key, for an unknown key or a value that does not parse
     */
    public static BrokerConfig fromProperties(Properties props) {
        Builder b = builder();
        for (String key : props.stringPropertyNames()) {
            b.set(key, props.getProperty(key).trim());
        }
        return b.build();
    }

    /** The name in-VM clients reach this broker by ({@code vm://name}), or null when they cannot. */
    public String name() {
        return name;
    }

    /** Whether the broker listens on {@link #host()} and {@link #port()} for TCP clients. */
    public boolean tcp() {
        return tcp;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    public int ioThreads() {
        return ioThreads;
    }

    public int maxFrameSize() {
        return maxFrameSize;
    }

    public long maxDestinationMemory() {
        return maxDestinationMemory;
    }

    public int sendWindow() {
        return sendWindow;
    }

    public Duration heartbeat() {
        return heartbeat;
    }

    public Duration handshakeTimeout() {
        return handshakeTimeout;
    }

    /** Whether the broker keeps what must survive it in a store; false keeps everything in memory. */
    public boolean persistent() {
        return persistent;
    }

    /** The store's JDBC URL, or null for the embedded H2 database in {@link #dataDir()}. */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String jdbcUser() {
        return jdbcUser;
    }

    public String jdbcPassword() {
        return jdbcPassword;
    }

    public boolean syncCommits() {
        return syncCommits;
    }

    /** What becomes of undeliverable and expired messages, per destination. */
    public DestinationPolicies policies() {
        return policies;
    }

    /** How often waiting messages are checked for expiry; zero when only dispatch checks them. */
    public Duration expiryScanPeriod() {
        return expiryScanPeriod;
    }

    /** Who may connect and what they may do; {@link SecurityConfig#OFF} without users. */
    public SecurityConfig security() {
        return security;
    }

    /** The TLS acceptor's settings; {@link TlsConfig#OFF} without {@value TlsConfig#PORT}. */
    public TlsConfig tls() {
        return tls;
    }

    /** How much one client, and all of them together, may open. */
    public ConnectionLimits limits() {
        return limits;
    }

    /** A builder; {@link #build()} validates and may be called once the settings are complete. */
    public static final class Builder {
        private String name;
        private boolean tcp = true;
        private String host = "0.0.0.0";
        private int port = Protocol.DEFAULT_PORT;
        private Path dataDir = Path.of("data");
        private int ioThreads = Runtime.getRuntime().availableProcessors();
        private int maxFrameSize = Protocol.DEFAULT_MAX_FRAME_SIZE;
        private long maxDestinationMemory = 64L * 1024 * 1024;
        private int sendWindow = 1024 * 1024;
        private Duration heartbeat = Duration.ofSeconds(15);
        private Duration handshakeTimeout = Duration.ofSeconds(10);
        private boolean persistent = true;
        private String jdbcUrl;
        private String jdbcUser;
        private String jdbcPassword;
        private boolean syncCommits;
        private DestinationPolicies policies = DestinationPolicies.of(DestinationPolicy.DEFAULT);
        private Duration expiryScanPeriod = Duration.ofSeconds(1);
        private final SecurityConfig.Builder security = new SecurityConfig.Builder();
        private final TlsConfig.Builder tls = new TlsConfig.Builder();
        private ConnectionLimits limits = ConnectionLimits.DEFAULT;

        private Builder() {
        }

        /** Makes the broker reachable from this JVM as {@code vm://name}; see {@link InVmBrokers}. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** Whether to listen for TCP clients; a broker that does not needs a {@link #name}. */
        public Builder tcp(boolean tcp) {
            this.tcp = tcp;
            return this;
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        public Builder ioThreads(int ioThreads) {
            this.ioThreads = ioThreads;
            return this;
        }

        public Builder maxFrameSize(int maxFrameSize) {
            this.maxFrameSize = maxFrameSize;
            return this;
        }

        public Builder maxDestinationMemory(long bytes) {
            this.maxDestinationMemory = bytes;
            return this;
        }

        public Builder sendWindow(int bytes) {
            this.sendWindow = bytes;
            return this;
        }

        public Builder heartbeat(Duration heartbeat) {
            this.heartbeat = heartbeat;
            return this;
        }

        public Builder handshakeTimeout(Duration handshakeTimeout) {
            this.handshakeTimeout = handshakeTimeout;
            return this;
        }

        public Builder persistent(boolean persistent) {
            this.persistent = persistent;
            return this;
        }

        public Builder jdbcUrl(String url) {
            this.jdbcUrl = url == null || url.isBlank() ? null : url;
            return this;
        }

        public Builder jdbcUser(String user) {
            this.jdbcUser = user;
            return this;
        }

        public Builder jdbcPassword(String password) {
            this.jdbcPassword = password;
            return this;
        }

        public Builder syncCommits(boolean sync) {
            this.syncCommits = sync;
            return this;
        }

        /** The policy of every destination no {@link #policy} pattern overrides. */
        public Builder defaultPolicy(DestinationPolicy policy) {
            this.policies = policies.withDefaults(policy);
            return this;
        }

        /**
         * Overrides one setting of the {@link DestinationPolicy} (named as in {@link #KEYS}) for the destinations
         * whose name matches {@code pattern} (see {@link DestinationPolicies}).
         *
         * @throws IllegalArgumentException for an unknown setting or a value that does not parse
         */
        public Builder policy(String pattern, String setting, String value) {
            this.policies = policies.with(pattern, setting, value);
            return this;
        }

        public Builder expiryScanPeriod(Duration period) {
            this.expiryScanPeriod = period;
            return this;
        }

        /** The users who may connect: see {@link SecurityConfig}. */
        public Builder usersFile(Path file) {
            security.usersFile(file);
            return this;
        }

        /** The users' roles: see {@link SecurityConfig}. */
        public Builder rolesFile(Path file) {
            security.rolesFile(file);
            return this;
        }

        /** Whether a connection without user name is let in; by default only when there are no users. */
        public Builder anonymous(boolean allowed) {
            security.anonymous(allowed);
            return this;
        }

        public Builder anonymousRoles(Set<String> roles) {
            security.anonymousRoles(roles);
            return this;
        }

        /**
         * Permits {@code roles} an operation ({@code send}, {@code consume}, ...) on the destinations whose name
         * matches {@code pattern}; see {@link io.wrenmq.broker.security.Permissions}.
         *
         * @throws IllegalArgumentException for an empty pattern or an unknown operation
         */
        public Builder permission(String pattern, String operation, Set<String> roles) {
            security.permission(pattern, operation, roles);
            return this;
        }

        public Builder limits(ConnectionLimits limits) {
            this.limits = limits;
            return this;
        }

        /**
         * Sets an option by its name in {@link #KEYS}, as the command line and the properties file do.
         *
         * @throws IllegalArgumentException naming the option, if it is unknown or its value does not parse
         */
        public Builder set(String key, String value) {
            try {
                switch (key) {
                    case "name" -> name(value.isEmpty() ? null : value);
                    case "tcp" -> tcp(parseBoolean(key, value));
                    case "host" -> host(value);
                    case "port" -> port(Integer.parseInt(value));
                    case "data-dir" -> dataDir(Path.of(value));
                    case "io-threads" -> ioThreads(Integer.parseInt(value));
                    case "max-frame-size" -> maxFrameSize(Math.toIntExact(parseSize(value)));
                    case "max-destination-memory" -> maxDestinationMemory(parseSize(value));
                    case "send-window" -> sendWindow(Math.toIntExact(parseSize(value)));
                    case "heartbeat" -> heartbeat(parseDuration(value));
                    case "handshake-timeout" -> handshakeTimeout(parseDuration(value));
                    case "persistent" -> persistent(parseBoolean(key, value));
                    case "jdbc-url" -> jdbcUrl(value);
                    case "jdbc-user" -> jdbcUser(value);
                    case "jdbc-password" -> jdbcPassword(value);
                    case "sync-commits" -> syncCommits(parseBoolean(key, value));
                    case DestinationPolicy.MAX_DELIVERY_ATTEMPTS, DestinationPolicy.REDELIVERY_DELAY,
                            DestinationPolicy.DEAD_LETTER_QUEUE, DestinationPolicy.EXPIRY_QUEUE,
                            DestinationPolicy.FULL_POLICY ->
                            defaultPolicy(policies.defaults().with(key, value));
                    case "expiry-scan-period" -> expiryScanPeriod(parseDuration(value));
                    case ConnectionLimits.MAX_CONNECTIONS, ConnectionLimits.MAX_SESSIONS,
                            ConnectionLimits.MAX_CONSUMERS, ConnectionLimits.MAX_SELECTOR_LENGTH ->
                            limits(limits.with(key, Math.toIntExact(parseSize(value))));
                    case SecurityConfig.USERS_FILE -> usersFile(Path.of(value));
                    case SecurityConfig.ROLES_FILE -> rolesFile(Path.of(value));
                    case SecurityConfig.ANONYMOUS -> anonymous(parseBoolean(key, value));
                    case SecurityConfig.ANONYMOUS_ROLES -> anonymousRoles(SecurityConfig.list(value));
                    default -> {
                        if (!tls.set(key, value)) {
                            setPatterned(key, value);
                        }
                    }
                }
            } catch (NumberFormatException | ArithmeticException e) {
                throw new IllegalArgumentException("option '" + key + "': cannot read '" + value + "'");
            }
            return this;
        }

        /**
         * A {@code policy.<pattern>.<setting>} or {@code permission.<pattern>.<operation>} key: the setting or
         * operation is the last word, and has no dot of its own.
         */
        private void setPatterned(String key, String value) {
            int lastDot = key.lastIndexOf('.');
            String prefix = key.startsWith(POLICY_PREFIX) ? POLICY_PREFIX
                    : key.startsWith(SecurityConfig.PERMISSION_PREFIX) ? SecurityConfig.PERMISSION_PREFIX : null;
            if (prefix == null || lastDot <= prefix.length()) {
                throw new IllegalArgumentException("unknown option '" + key + "'; known options: "
                        + String.join(", ", new TreeSet<>(KEYS.keySet())));
            }
            String pattern = key.substring(prefix.length(), lastDot);
            String last = key.substring(lastDot + 1);
            try {
                if (prefix.equals(POLICY_PREFIX)) {
                    policy(pattern, last, value);
                } else {
                    permission(pattern, last, SecurityConfig.list(value));
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("option '" + key + "': " + e.getMessage());
            }
        }

        /**
         * Checks every setting and returns the configuration.
         *
         * @throws IllegalArgumentException listing every invalid setting
         */
        public BrokerConfig build() {
            List<String> errors = new ArrayList<>();
            if (name != null && !NAME.matcher(name).matches()) {
                errors.add("name '" + name + "' must be up to 64 letters, digits, '.', '_' and '-', beginning with "
                        + "a letter or digit");
            }
            if (!tcp && name == null && !tls.enabled()) {
                errors.add("tcp=false needs a name or an " + TlsConfig.PORT + ", or no client could reach the broker");
            }
            if (host == null || host.isBlank()) {
                errors.add("host must not be empty");
            }
            if (port < 0 || port > 65535) {
                errors.add("port " + port + " is not within 0..65535");
            }
            if (dataDir == null) {
                errors.add("data-dir must be set");
            }
            if (ioThreads < 1) {
                errors.add("io-threads " + ioThreads + " must be at least 1");
            }
            if (maxFrameSize < Protocol.MIN_MAX_FRAME_SIZE) {
                errors.add("max-frame-size " + maxFrameSize + " is below the minimum of " + Protocol.MIN_MAX_FRAME_SIZE);
            }
            if (maxDestinationMemory < maxFrameSize) {
                errors.add("max-destination-memory " + maxDestinationMemory
                        + " must be at least max-frame-size (" + maxFrameSize + "), or no large message could be sent");
            }
            if (sendWindow < 1) {
                errors.add("send-window " + sendWindow + " must be positive");
            }
            if (heartbeat == null || heartbeat.isNegative() || heartbeat.toMillis() > Integer.MAX_VALUE) {
                errors.add("heartbeat must be 0 (off) or a positive duration");
            }
            if (handshakeTimeout == null || handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
                errors.add("handshake-timeout must be a positive duration");
            }
            if (expiryScanPeriod == null || expiryScanPeriod.isNegative()) {
                errors.add("expiry-scan-period must be 0 (off) or a positive duration");
            }
            if (limits == null) {
                errors.add("limits must be set");
            } else {
                errors.addAll(limits.problems());
            }
            if (jdbcUrl != null && !jdbcUrl.startsWith("jdbc:")) {
                errors.add("jdbc-url '" + jdbcUrl + "' is not a JDBC URL (jdbc:...)");
            }
            SecurityConfig securityConfig = security.build(errors);
            TlsConfig tlsConfig = tls.build(errors);
            if (!errors.isEmpty()) {
                throw new IllegalArgumentException("invalid broker configuration: " + String.join("; ", errors));
            }
            return new BrokerConfig(this, securityConfig, tlsConfig);
        }
    }

    static boolean parseBoolean(String key, String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new IllegalArgumentException("option '" + key + "': '" + value + "' is not true or false");
        };
    }

    static long parseSize(String s) {
        String v = s.trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        char last = v.isEmpty() ? ' ' : v.charAt(v.length() - 1);
        switch (last) {
            case 'k' -> unit = 1024;
            case 'm' -> unit = 1024 * 1024;
            case 'g' -> unit = 1024L * 1024 * 1024;
            default -> {
            }
        }
        if (unit != 1) {
            v = v.substring(0, v.length() - 1);
        }
        return Math.multiplyExact(Long.parseLong(v.trim()), unit);
    }

    static Duration parseDuration(String s) {
        String v = s.trim().toLowerCase(Locale.ROOT);
        if (v.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2).trim()));
        }
        if (v.endsWith("s")) {
            return Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1).trim()));
        }
        if (v.endsWith("m")) {
            return Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1).trim()));
        }
        return Duration.ofMillis(Long.parseLong(v));
    }

    @Override
    public String toString() {
        return (name == null ? "" : "name=" + name + " ") + "tcp=" + tcp + " host=" + host + " port=" + port
                + " data-dir=" + dataDir + " io-threads=" + ioThreads
                + " max-frame-size=" + maxFrameSize + " max-destination-memory=" + maxDestinationMemory
                + " send-window=" + sendWindow + " heartbeat=" + heartbeat.toMillis() + "ms"
                + " handshake-timeout=" + handshakeTimeout.toMillis() + "ms" + " persistent=" + persistent
                + (jdbcUrl == null ? "" : " jdbc-url=" + jdbcUrl) + " sync-commits=" + syncCommits
                + " expiry-scan-period=" + expiryScanPeriod.toMillis() + "ms " + limits + " policies=[" + policies + "]"
                + " security=[" + security + "] tls=[" + tls + "]";
    }
}
