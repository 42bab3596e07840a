package io.wrenmq.broker.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Checks the user name and password of a new connection against the {@link SecurityConfig}, and gives it its
 * {@link Access}. A password check costs a PBKDF2 computation (hundreds of milliseconds at the default iteration
 * count), so it runs on a small pool of its own, never on an event loop; the pool's queue is bounded, and a login
 * that finds it full is refused. An unknown user costs the same computation as a wrong password, so that timing
 * does not tell which user names exist. Refusals are logged through {@link RefusedLogins}.
 *
 * <p>Thread-safe.
 */
public final class Authenticator {
    private static final Logger log = LoggerFactory.getLogger(Authenticator.class);
    private static final int THREADS = Math.min(4, Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
    private static final int MAX_WAITING = 256;
    /** What the client hears for any wrong credentials: which part was wrong is for the operator's log only. */
    static final String REFUSED = "login refused: unknown user or wrong password";

    private final SecurityConfig config;
    private final RefusedLogins refusals;
    private final ThreadPoolExecutor checks;
    private volatile PasswordHash decoy;

    public Authenticator(SecurityConfig config) {
        this(config, log::warn);
    }

    Authenticator(SecurityConfig config, Consumer<String> refusalLog) {
        this.config = config;
        this.refusals = new RefusedLogins(refusalLog, System::nanoTime);
        AtomicInteger n = new AtomicInteger();
        this.checks = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(MAX_WAITING), r -> {
                    Thread t = new Thread(r, "wren-login-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        checks.allowCoreThreadTimeOut(true);
    }

    /**
     * Logs a connection in.
     *
     * @param remote the client's address, for the log
     * @return completes with the connection's access, at once when no password needs checking; or exceptionally
     *         with a {@link LoginRefusedException} whose message is for the client
     */
    public CompletableFuture<Access> login(String user, String password, String remote) {
        if (!config.enabled()) {
            return CompletableFuture.completedFuture(Access.unrestricted());
        }
        if (user == null || user.isEmpty()) {
            if (config.anonymous()) {
                return CompletableFuture.completedFuture(new Access(null, config.anonymousRoles(),
                        config.permissions()));
            }
            return CompletableFuture.failedFuture(refusal(remote, null, "no user name, and anonymous access is off",
                    "login refused: this broker needs a user name and password"));
        }
        CompletableFuture<Access> result = new CompletableFuture<>();
        try {
            checks.execute(() -> {
                try {
                    check(user, password == null ? "" : password, remote, result);
                } catch (RuntimeException e) {
                    log.error("Could not check the password of user '{}' from {}", RefusedLogins.printable(user),
                            remote, e);
                    result.completeExceptionally(new LoginRefusedException("login refused: the broker could not "
                            + "check the password"));
                }
            });
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(refusal(remote, user, "more than " + MAX_WAITING
                    + " logins are waiting to be checked", "login refused: the broker is busy checking other "
                    + "logins; try again"));
        }
        return result;
    }

    private void check(String user, String password, String remote, CompletableFuture<Access> result) {
        PasswordHash hash = config.password(user);
        char[] given = password.toCharArray();
        boolean matches = (hash != null ? hash : decoy()).matches(given);
        if (hash != null && matches) {
            result.complete(new Access(user, config.rolesOf(user), config.permissions()));
            return;
        }
        result.completeExceptionally(refusal(remote, user, hash == null ? "unknown user" : "wrong password",
                REFUSED));
    }

    /** A hash no password matches, as costly to check as a real one. */
    private PasswordHash decoy() {
        PasswordHash d = decoy;
        if (d == null) {
            char[] random = UUID.randomUUID().toString().toCharArray();
            d = PasswordHash.create(random, config.maxIterations());
            decoy = d;
        }
        return d;
    }

    /** Logs (within limits) why a login is refused, and returns what the client is told. */
    private LoginRefusedException refusal(String remote, String user, String reason, String toClient) {
        refusals.refused(remote, user, reason);
        return new LoginRefusedException(toClient);
    }
}
