package io.wrenmq.tck;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay on 127.0.0.1 between clients and a broker, whose connections a test can cut while the broker and the
 * relay stay up: a network failure that clients see as a lost connection and recover from by connecting again.
 * Blocking I/O, two daemon threads per connection; for tests only.
 */
final class CuttableProxy implements AutoCloseable {
    private final ServerSocket server;
    private final int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    /** While set, what arrives is read and dropped: both ends see a silent peer, not a closed connection. */
    private volatile boolean frozen;

    CuttableProxy(int targetPort) {
        this.targetPort = targetPort;
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        daemon(this::accept, "proxy-accept");
    }

    /** tcp://127.0.0.1:port of the relay. */
    String url() {
        return "tcp://127.0.0.1:" + server.getLocalPort();
    }

    /** Closes every connection relayed so far, both sides; new ones are still accepted. */
    void cutAll() {
        for (Socket s : sockets) {
            closeQuietly(s);
        }
        sockets.clear();
    }

    /** From now on nothing is forwarded, either way, and nothing is closed: a peer that hangs or a network that
     * swallows packets. */
    void freeze() {
        frozen = true;
    }

    @Override
    public void close() {
        closeQuietly(server);
        cutAll();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket broker = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                sockets.add(client);
                sockets.add(broker);
                daemon(() -> pump(client, broker), "proxy-up");
                daemon(() -> pump(broker, client), "proxy-down");
            } catch (IOException e) {
                // Closed, or the broker refused: either way this connection is over.
            }
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        // Not try-with-resources: closing a socket's stream closes the socket, which a frozen relay must not do.
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int n; (n = in.read(buffer)) >= 0; ) {
                if (!frozen) {
                    out.write(buffer, 0, n);
                }
            }
        } catch (IOException e) {
            // Cut, or the other side closed.
        } finally {
            closeQuietly(from);
            if (!frozen) {
                // Frozen, the other end must not learn that this one closed.
                closeQuietly(to);
            }
        }
    }

    private static void daemon(Runnable task, String name) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // Already closed.
        }
    }
}
