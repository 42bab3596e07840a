package io.wrenmq.jms.client;

import io.wrenmq.jms.client.spi.DuplexStream;
import jakarta.jms.JMSException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;

/** A TCP connection to a broker, as the streams {@link ClientTransport} reads and writes. */
final class SocketDuplex implements DuplexStream {
    private final Socket socket;

    private SocketDuplex(Socket socket) {
        this.socket = socket;
    }

    /**
     * Connects to {@code url}'s host and port, with Nagle off (frames are already batched) and keep-alive on.
     *
     * @throws JMSException naming the address, if it cannot be reached within {@code timeoutMs}
     */
    static SocketDuplex connect(BrokerUrl url, long timeoutMs) throws JMSException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            socket.connect(new InetSocketAddress(url.host(), url.port()), (int) Math.min(Integer.MAX_VALUE,
                    timeoutMs));
            return new SocketDuplex(socket);
        } catch (IOException e) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // It never connected: nothing to release but the descriptor, which close frees regardless.
            }
            throw Exceptions.withCause(new JMSException("cannot connect to the broker at " + url.address() + ": "
                    + e.getMessage()), e);
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
