package io.wrenmq.broker.security;

import io.wrenmq.broker.NamePattern;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who may connect and what they may do, read once at start-up from two files in the format of Artemis's
 * {@code artemis-users.properties} and {@code artemis-roles.properties}, and from the broker's
 * {@code permission.<pattern>.<operation>} options:
 *
 * <pre>
 * users file:  user = PBKDF2:iterations:salt:hash     (one line per user; see {@link PasswordHash})
 * roles file:  role = user1, user2                    (one line per role)
 * </pre>
 *
 * Without users, security is off: anyone connects, with or without credentials, and may do everything. With users,
 * a connection must log in as one of them unless {@code anonymous} is on, and {@link Permissions} decide what it
 * may do. Immutable.
 */
public final class SecurityConfig {
    public static final String USERS_FILE = "users-file";
    public static final String ROLES_FILE = "roles-file";
    public static final String ANONYMOUS = "anonymous";
    public static final String ANONYMOUS_ROLES = "anonymous-roles";
    /** Keys starting so grant an operation: {@code permission.<pattern>.<operation>=role1,role2}. */
    public static final String PERMISSION_PREFIX = "permission.";

    /** Security off: no users, everyone anonymous and permitted everything. */
    public static final SecurityConfig OFF = new SecurityConfig(Map.of(), Map.of(), true, Set.of(), Permissions.NONE);

    private final Map<String, PasswordHash> users;
    private final Map<String, Set<String>> rolesByUser;
    private final boolean anonymous;
    private final Set<String> anonymousRoles;
    private final Permissions permissions;

    private SecurityConfig(Map<String, PasswordHash> users, Map<String, Set<String>> rolesByUser, boolean anonymous,
                           Set<String> anonymousRoles, Permissions permissions) {
        this.users = users;
        this.rolesByUser = rolesByUser;
        this.anonymous = anonymous;
        this.anonymousRoles = anonymousRoles;
        this.permissions = permissions;
    }

    /** The options' descriptions, for {@code BrokerConfig.KEYS}. */
    public static void describe(Map<String, String> keys) {
        keys.put(USERS_FILE, "properties file of the users who may connect, user=PBKDF2:... (a hash made with "
                + "'hash-password'); with users, security is on (default: none, anyone may connect)");
        keys.put(ROLES_FILE, "properties file of roles, role=user1,user2 (default: none)");
        keys.put(ANONYMOUS, "whether a connection without user name is let in (default: false with users-file, "
                + "true without)");
        keys.put(ANONYMOUS_ROLES, "roles of a connection let in without user name (default: none)");
        keys.put(PERMISSION_PREFIX + "<pattern>.<operation>", "roles permitted an operation (" + Operation.names()
                + ") on the destinations whose name matches the pattern, e.g. permission.orders.#.send=app; the "
                + "most specific pattern alone decides (default: without any, everything is permitted)");
    }

    /** Whether users are configured, and so logins and permissions checked. */
    public boolean enabled() {
        return !users.isEmpty();
    }

    /** The hash of a user's password, or null for no such user. */
    public PasswordHash password(String user) {
        return users.get(user);
    }

    /** The highest iteration count of the users' hashes: what checking a password costs at most. */
    public int maxIterations() {
        return users.values().stream().mapToInt(PasswordHash::iterations).max().orElse(PasswordHash.MIN_ITERATIONS);
    }

    /** The roles of a user. */
    public Set<String> rolesOf(String user) {
        return rolesByUser.getOrDefault(user, Set.of());
    }

    /** Whether a connection that gives no user name is let in. */
    public boolean anonymous() {
        return anonymous;
    }

    public Set<String> anonymousRoles() {
        return anonymousRoles;
    }

    public Permissions permissions() {
        return permissions;
    }

    /** For the start-up log line: whether logins and permissions are checked. */
    public String summary() {
        if (!enabled()) {
            return "security off (no users-file): anyone may connect";
        }
        return "logins checked (" + users.size() + " users, anonymous " + (anonymous ? "on" : "off") + "), "
                + (permissions.isEmpty() ? "no permission rules: every user may do everything"
                : "permissions checked");
    }

    @Override
    public String toString() {
        return enabled() ? users.size() + " users, anonymous=" + anonymous + ", permissions=[" + permissions + "]"
                : "off";
    }

    /** Collects the settings; {@link #build} reads the files and checks everything together. */
    public static final class Builder {
        private Path usersFile;
        private Path rolesFile;
        private Boolean anonymous;
        private Set<String> anonymousRoles = Set.of();
        private Permissions permissions = Permissions.NONE;

        public void usersFile(Path file) {
            this.usersFile = file;
        }

        public void rolesFile(Path file) {
            this.rolesFile = file;
        }

        public void anonymous(boolean allowed) {
            this.anonymous = allowed;
        }

        public void anonymousRoles(Set<String> roles) {
            this.anonymousRoles = Set.copyOf(roles);
        }

        /** @throws IllegalArgumentException for an empty pattern or an unknown operation */
        public void permission(String pattern, String operation, Set<String> roles) {
            permissions = permissions.with(NamePattern.of(pattern), Operation.byConfigName(operation), roles);
        }

        /** The configuration, or null after adding to {@code errors} what is wrong. */
        public SecurityConfig build(List<String> errors) {
            int before = errors.size();
            Map<String, PasswordHash> users = usersFile == null ? Map.of() : readUsers(errors);
            Map<String, Set<String>> roles = rolesFile == null ? Map.of() : readRoles(users.keySet(), errors);
            if (errors.size() > before) {
                return null;
            }
            if (users.isEmpty()) {
                if (rolesFile != null || !permissions.isEmpty() || !anonymousRoles.isEmpty()) {
                    errors.add(ROLES_FILE + ", " + ANONYMOUS_ROLES + " and " + PERMISSION_PREFIX + "* need users: "
                            + "set " + USERS_FILE);
                }
                if (Boolean.FALSE.equals(anonymous)) {
                    errors.add(ANONYMOUS + "=false needs users, or nobody could connect: set " + USERS_FILE);
                }
                return errors.size() > before ? null : OFF;
            }
            boolean anonymousAllowed = anonymous != null && anonymous;
            if (!anonymousAllowed && !anonymousRoles.isEmpty()) {
                errors.add(ANONYMOUS_ROLES + " is set but " + ANONYMOUS + " is off");
            }
            Set<String> known = new HashSet<>(anonymousRoles);
            roles.values().forEach(known::addAll);
            Set<String> unknown = new TreeSet<>(permissions.namedRoles());
            unknown.removeAll(known);
            if (!unknown.isEmpty()) {
                errors.add(PERMISSION_PREFIX + "* name roles that neither " + ROLES_FILE + " nor " + ANONYMOUS_ROLES
                        + " has: " + String.join(", ", unknown));
            }
            return errors.size() > before ? null
                    : new SecurityConfig(users, roles, anonymousAllowed, anonymousRoles, permissions);
        }

        private Map<String, PasswordHash> readUsers(List<String> errors) {
            Properties p = load(USERS_FILE, usersFile, errors);
            if (p == null) {
                return Map.of();
            }
            if (p.isEmpty()) {
                errors.add(USERS_FILE + " " + usersFile + " has no users");
            }
            Map<String, PasswordHash> users = new HashMap<>();
            for (String user : new TreeSet<>(p.stringPropertyNames())) {
                try {
                    users.put(user, PasswordHash.parse(p.getProperty(user)));
                } catch (IllegalArgumentException e) {
                    // Never the value: it may well be a password in plain text.
                    errors.add(USERS_FILE + " " + usersFile + ": user '" + user + "': " + e.getMessage());
                }
            }
            return Map.copyOf(users);
        }

        private Map<String, Set<String>> readRoles(Set<String> users, List<String> errors) {
            Properties p = load(ROLES_FILE, rolesFile, errors);
            if (p == null) {
                return Map.of();
            }
            Map<String, Set<String>> byUser = new HashMap<>();
            for (String role : new TreeSet<>(p.stringPropertyNames())) {
                for (String user : list(p.getProperty(role))) {
                    if (users.contains(user)) {
                        byUser.computeIfAbsent(user, u -> new HashSet<>()).add(role);
                    } else {
                        errors.add(ROLES_FILE + " " + rolesFile + ": role '" + role + "' names user '" + user
                                + "', who is not in " + USERS_FILE);
                    }
                }
            }
            Map<String, Set<String>> sealed = new HashMap<>();
            byUser.forEach((user, r) -> sealed.put(user, Set.copyOf(r)));
            return Map.copyOf(sealed);
        }

        private static Properties load(String option, Path file, List<String> errors) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
                return p;
            } catch (IOException e) {
                errors.add(option + ": cannot read " + file + ": " + e);
                return null;
            }
        }
    }

    /** {@code "a, b,,c"} as {@code [a, b, c]}. */
    public static Set<String> list(String commaSeparated) {
        Set<String> items = new LinkedHashSet<>();
        for (String s : commaSeparated.split(",")) {
            if (!s.isBlank()) {
                items.add(s.trim());
            }
        }
        return items;
    }
}
