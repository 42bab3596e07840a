package io.wrenmq.jms.client;

import io.wrenmq.jms.client.spi.DuplexStream;
import jakarta.jms.JMSException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

/**
 * A TCP connection to a broker, plain or TLS ({@code ssl://}, an {@link javax.net.ssl.SSLSocket}), as the streams
 * {@link ClientTransport} reads and writes; it buffers them the same way either way.
 */
final class SocketDuplex implements DuplexStream {
    private final Socket socket;

    private SocketDuplex(Socket socket) {
        this.socket = socket;
    }

    /**
     * Connects to {@code url}'s host and port, with Nagle off (frames are already batched) and keep-alive on, and
     * for {@code ssl://} shakes hands; all within {@code timeoutMs}.
     *
     * @throws JMSException naming the address, if it cannot be reached in time; for TLS, naming the option of a key
     *         or trust store that cannot be read, or saying why the handshake failed
     */
    static SocketDuplex connect(BrokerUrl url, long timeoutMs) throws JMSException {
        int timeout = (int) Math.min(Integer.MAX_VALUE, timeoutMs);
        SSLContext tls = url.tls() ? ClientTls.context(url) : null;
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            socket.connect(new InetSocketAddress(url.host(), url.port()), timeout);
            return new SocketDuplex(tls == null ? socket : ClientTls.layer(tls, socket, url, timeout));
        } catch (SSLException e) {
            closeQuietly(socket);
            throw Exceptions.withCause(new JMSException(ClientTls.explain(url, e)), e);
        } catch (IOException e) {
            closeQuietly(socket);
            throw Exceptions.withCause(new JMSException("cannot connect to the broker at " + url.address() + ": "
                    + e.getMessage()), e);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // It never connected: nothing to release but the descriptor, which close frees regardless.
        }
    }

    @Override
    public InputStream input() throws IOException {
        return socket.getInputStream();
    }

    @Override
    public OutputStream output() throws IOException {
        return socket.getOutputStream();
    }

    @Override
    public void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    @Override
    public String toString() {
        return String.valueOf(socket.getRemoteSocketAddress());
    }
}
