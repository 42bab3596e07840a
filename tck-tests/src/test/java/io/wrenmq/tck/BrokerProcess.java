package io.wrenmq.tck;

import io.wrenmq.broker.Main;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A broker in a JVM of its own ({@code java -cp <test classpath> io.wrenmq.broker.Main ...}), for the tests that
 * kill it with {@code kill -9} or give it a small heap. It always runs on the same port and data directory, so that
 * a restart finds the store of the run before; its output goes to one log file, across restarts.
 */
final class BrokerProcess implements AutoCloseable {
    private static final String LISTENING = "broker listening on";
    private static final Duration START_WITHIN = Duration.ofSeconds(60);

    private final int port;
    private final Path log;
    private final List<String> command = new ArrayList<>();
    private Process process;
    private int starts;

    /**
     * @param jvmOptions    e.g. {@code -Xmx128m}
     * @param brokerOptions options of {@link Main} besides host, port and data directory
     */
    BrokerProcess(Path dataDir, List<String> jvmOptions, List<String> brokerOptions) {
        this.port = freePort();
        this.log = dataDir.resolve("broker.log");
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "--host", "127.0.0.1", "--port", String.valueOf(port), "--data-dir", dataDir.toString()));
        command.addAll(brokerOptions);
    }

    /** Starts the broker and returns once it accepts connections (its store restored). */
    void start() throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("the broker is running");
        }
        starts++;
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        process = p;
        await().atMost(START_WITHIN).pollInterval(Duration.ofMillis(20))
                .until(() -> !p.isAlive() || listeningLines() >= starts);
        if (!p.isAlive()) {
            throw new IllegalStateException("the broker exited with status " + p.exitValue() + " at start " + starts
                    + "; its log ends with:\n" + logTail(30));
        }
    }

    /** {@code kill -9}: the broker ends at once, with nothing written or closed. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the broker did not die within 30 s of SIGKILL");
        }
    }

    /** SIGTERM: the broker shuts down cleanly. @return its exit status */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the broker did not stop within 60 s of SIGTERM; its log ends with:\n"
                    + logTail(30));
        }
        return process.exitValue();
    }

    /** How a broker process that was expected not to start ended: its status and what it wrote on each stream. */
    record Exit(int status, List<String> stdout, List<String> stderr) {
    }

    /**
     * Runs {@code java ... Main args} until it exits on its own, which a broker that cannot start does; fails if
     * it is still running after {@code within}.
     */
    static Exit runToExit(Path workDir, List<String> args, Duration within) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(args);
        Path out = workDir.resolve("stdout.txt");
        Path err = workDir.resolve("stderr.txt");
        Process p = new ProcessBuilder(cmd).directory(workDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("the broker was still running after " + within + "; it wrote:\n"
                    + Files.readString(out) + Files.readString(err));
        }
        return new Exit(p.exitValue(), Files.readAllLines(out, StandardCharsets.UTF_8),
                Files.readAllLines(err, StandardCharsets.UTF_8));
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    String url(String options) {
        return "tcp://127.0.0.1:" + port + (options == null || options.isEmpty() ? "" : "?" + options);
    }

    /** The lines of its log (all its runs) that contain {@code text}. */
    List<String> logLines(String text) {
        try {
            return Files.readAllLines(log, StandardCharsets.UTF_8).stream().filter(l -> l.contains(text)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    private long listeningLines() {
        return Files.exists(log) ? logLines(LISTENING).size() : 0;
    }

    @Override
    public void close() {
        if (isAlive()) {
            process.destroyForcibly();
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "broker process on port " + port + " (log " + log + ")";
    }
}
