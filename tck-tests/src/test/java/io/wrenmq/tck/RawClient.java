package io.wrenmq.tck;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.wrenmq.protocol.CreateConsumerFrame;
import io.wrenmq.protocol.CreateSessionFrame;
import io.wrenmq.protocol.ErrorFrame;
import io.wrenmq.protocol.Frame;
import io.wrenmq.protocol.FrameType;
import io.wrenmq.protocol.HelloFrame;
import io.wrenmq.protocol.codec.MalformedFrameException;
import io.wrenmq.protocol.Protocol;
import io.wrenmq.protocol.ReceiptFrame;
import io.wrenmq.protocol.SubscriptionKind;
import io.wrenmq.protocol.WelcomeFrame;
import io.wrenmq.protocol.WireDestination;
import io.wrenmq.protocol.codec.FrameCodec;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * A client that speaks the wire protocol by hand over a blocking socket, built from the protocol's own frame
 * classes: it can do what no Wren client would (stop reading, stay silent, send frames out of order or garbage
 * after a proper handshake). Not thread-safe; for tests only.
 */
final class RawClient implements AutoCloseable {
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private long requestIds;

    private RawClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Connects without saying anything. @param receiveBuffer the socket's receive buffer, 0 for the default */
    static RawClient connect(int port, int receiveBuffer) throws IOException {
        Socket s = new Socket();
        if (receiveBuffer > 0) {
            // Before connecting, so that the TCP window is small from the start.
            s.setReceiveBufferSize(receiveBuffer);
        }
        s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        s.setSoTimeout(10_000);
        return new RawClient(s);
    }

    /** Connects and completes the handshake, announcing no heartbeat of its own. */
    static RawClient handshaken(int port, int receiveBuffer) throws IOException {
        RawClient c = connect(port, receiveBuffer);
        c.write(new HelloFrame(Protocol.VERSION, null, null, null, 0));
        Frame answer = c.readSkippingPings();
        if (!(answer instanceof WelcomeFrame)) {
            c.close();
            throw new IOException("no WELCOME but " + answer);
        }
        return c;
    }

    static byte[] encode(Frame frame) {
        ByteBuf buf = Unpooled.buffer();
        try {
            FrameCodec.encode(frame, buf);
            byte[] bytes = new byte[buf.readableBytes()];
            buf.readBytes(bytes);
            return bytes;
        } finally {
            buf.release();
        }
    }

    long nextRequestId() {
        return ++requestIds;
    }

    void write(Frame frame) throws IOException {
        writeBytes(encode(frame));
    }

    void writeBytes(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Opens a session and waits for the broker's receipt. */
    void openSession(int sessionId, int ackMode) throws IOException {
        long id = nextRequestId();
        write(new CreateSessionFrame(id, sessionId, ackMode));
        expectReceipt(id);
    }

    /** Opens a queue consumer and waits for the broker's receipt. */
    void openConsumer(int sessionId, int consumerId, String queue, int prefetch) throws IOException {
        long id = nextRequestId();
        write(new CreateConsumerFrame(id, sessionId, consumerId, WireDestination.queue(queue), null, false, prefetch,
                null, SubscriptionKind.NONE));
        expectReceipt(id);
    }

    private void expectReceipt(long requestId) throws IOException {
        Frame f = readSkippingPings();
        if (!(f instanceof ReceiptFrame r) || r.requestId() != requestId) {
            throw new IOException("expected the receipt of request " + requestId + ", got " + f);
        }
    }

    /** The next frame, or null when the broker closed the connection. */
    Frame read() throws IOException {
        int length;
        try {
            length = in.readInt();
        } catch (EOFException | SocketException closed) {
            return null;
        }
        int type = in.readUnsignedByte();
        byte[] body = new byte[length - 1];
        in.readFully(body);
        try {
            return FrameCodec.decode(type, Unpooled.wrappedBuffer(body));
        } catch (MalformedFrameException e) {
            throw new IOException("the broker sent a malformed " + type + " frame", e);
        }
    }

    Frame readSkippingPings() throws IOException {
        Frame f;
        do {
            f = read();
        } while (f != null && f.type() == FrameType.PING);
        return f;
    }

    /**
     * Reads until the broker closes the connection.
     *
     * @return the last ERROR frame it sent (its reason), or null if it sent none
     * @throws SocketTimeoutException if it did not close within {@code within}
     */
    ErrorFrame readUntilClosed(Duration within) throws IOException {
        socket.setSoTimeout((int) within.toMillis());
        ErrorFrame last = null;
        try {
            for (Frame f; (f = read()) != null; ) {
                if (f instanceof ErrorFrame e) {
                    last = e;
                }
            }
        } catch (EOFException | SocketException closed) {
            // Cut in the middle of a frame, or reset: closed all the same.
        }
        return last;
    }

    /**
     * Reads and drops what the broker sends for up to {@code patience}.
     *
     * @return whether the broker closed the connection meanwhile
     */
    boolean drain(Duration patience) throws IOException {
        socket.setSoTimeout((int) Math.max(1, patience.toMillis()));
        byte[] buf = new byte[8192];
        try {
            while (in.read(buf) >= 0) {
                // Whatever it says; only whether it closes matters here.
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException reset) {
            return true;
        }
    }

    /** Half-closes: the broker sees the end of the stream, perhaps in the middle of a frame. */
    void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    boolean isClosed() {
        return socket.isClosed();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Nothing left to release.
        }
    }
}
