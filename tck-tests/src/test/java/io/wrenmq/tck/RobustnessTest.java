package io.wrenmq.tck;

import io.wrenmq.broker.WrenBroker;
import io.wrenmq.broker.core.DestinationStats;
import io.wrenmq.jms.WrenConnectionFactory;
import io.wrenmq.protocol.FrameType;
import io.wrenmq.protocol.Protocol;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * "A broken frame must not crash the broker; killing a client abruptly must not disturb other clients." Raw sockets
 * send the broker what no Wren client would, and a client JVM is killed while it holds messages; all the while a
 * well-behaved client keeps sending and receiving, and must lose nothing.
 */
@DisplayName("Robustness: bad input and vanished clients disturb nobody else")
class RobustnessTest extends JmsTestSupport {
    private static final Duration CLOSE_WITHIN = Duration.ofSeconds(5);

    private Bystander bystander(ConnectionFactory f) throws JMSException {
        return new Bystander(track(f.createConnection()), track(f.createConnection()), uniqueName());
    }

    // What the raw sockets send. The layout is Protocol's: i32 length (type byte + body), u8 type, body.

    private static byte[] frame(int type, byte[] body) {
        return ByteBuffer.allocate(5 + body.length).putInt(1 + body.length).put((byte) type).put(body).array();
    }

    private static byte[] hello(int magic, int version) {
        ByteBuffer body = ByteBuffer.allocate(4 + 2 + 3 * 4 + 4);
        body.putInt(magic).putShort((short) version);
        body.putInt(-1).putInt(-1).putInt(-1); // client id, user, password: null
        body.putInt(0); // heartbeat
        return frame(FrameType.HELLO.code(), body.array());
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static Stream<Arguments> badInput() {
        byte[] garbage = new byte[8192];
        new Random(42).nextBytes(garbage);
        byte[] goodHello = hello(Protocol.MAGIC, Protocol.VERSION);
        byte[] tlsClientHello = {0x16, 0x03, 0x01, 0x00, (byte) 0xa5, 0x01, 0x00, 0x00, (byte) 0xa1, 0x03, 0x03};
        return Stream.of(
                Arguments.of("an HTTP request", "GET / HTTP/1.1\r\nHost: wren\r\n\r\n".getBytes(StandardCharsets.US_ASCII)),
                Arguments.of("a TLS ClientHello", tlsClientHello),
                Arguments.of("8 KiB of random bytes", garbage),
                Arguments.of("a length prefix far over the frame limit",
                        concat(ByteBuffer.allocate(4).putInt(Integer.MAX_VALUE).array(), garbage)),
                Arguments.of("a first frame larger than any HELLO, though within the frame limit",
                        ByteBuffer.allocate(5).putInt(Protocol.MAX_HELLO_SIZE + 1).put((byte) FrameType.HELLO.code())
                                .array()),
                Arguments.of("a negative length prefix", ByteBuffer.allocate(8).putInt(-5).putInt(7).array()),
                Arguments.of("a zero length prefix", ByteBuffer.allocate(4).putInt(0).array()),
                Arguments.of("an unknown frame type", frame(250, new byte[16])),
                Arguments.of("a first frame that is not HELLO", frame(FrameType.PING.code(), new byte[0])),
                Arguments.of("a HELLO without the Wren magic", hello(0x48545450, Protocol.VERSION)),
                Arguments.of("a HELLO of an unknown protocol version", hello(Protocol.MAGIC, Protocol.VERSION + 98)),
                Arguments.of("a HELLO with trailing bytes",
                        frame(FrameType.HELLO.code(), concat(Arrays.copyOfRange(goodHello, 5,
                                goodHello.length), new byte[7]))),
                Arguments.of("a good HELLO, then an unknown frame type", concat(goodHello, frame(250, new byte[3]))),
                Arguments.of("a good HELLO, then a frame over the limit",
                        concat(goodHello, ByteBuffer.allocate(4).putInt(Integer.MAX_VALUE).array())),
                Arguments.of("a good HELLO, then a second HELLO", concat(goodHello, goodHello)));
    }

    /**
     * Reads until the broker closes the connection; fails if it does not within {@link #CLOSE_WITHIN}.
     *
     * @return the frame types the broker sent before closing, as far as they arrived whole
     */
    private static List<Integer> readUntilClosed(Socket socket) throws IOException {
        socket.setSoTimeout((int) CLOSE_WITHIN.toMillis());
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] buf = new byte[4096];
        try {
            for (int n; (n = in.read(buf)) >= 0; ) {
                got.write(buf, 0, n);
            }
        } catch (SocketTimeoutException e) {
            fail("the broker did not close the connection within " + CLOSE_WITHIN);
        } catch (SocketException reset) {
            // Closed with our bytes still unread on its side: a reset is a close too.
        }
        List<Integer> types = new ArrayList<>();
        ByteBuffer frames = ByteBuffer.wrap(got.toByteArray());
        while (frames.remaining() >= 5 && frames.getInt(frames.position()) <= frames.remaining() - 4) {
            int length = frames.getInt();
            types.add(frames.get(frames.position()) & 0xff);
            frames.position(frames.position() + length);
        }
        return types;
    }

    private static Socket rawSocket(WrenBroker broker) throws IOException {
        return new Socket("127.0.0.1", broker.port());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    @DisplayName("the broker answers bad input by closing that one connection; everyone else carries on")
    void badInputClosesOnlyThatConnection(String what, byte[] bytes) throws Exception {
        Bystander bystander = bystander(factory);
        bystander.awaitTraffic(10);
        int connections = Broker.get().connectionCount();
        try (Socket socket = rawSocket(Broker.get())) {
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
            List<Integer> answer = readUntilClosed(socket);
            if (!answer.isEmpty()) {
                assertEquals(FrameType.ERROR.code(), answer.get(answer.size() - 1),
                        "the broker's last word is an ERROR frame saying why: " + answer);
            }
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> Broker.get().connectionCount() == connections);
        bystander.assertUndisturbed();
    }

    @Test
    @DisplayName("a frame cut short by the client's end of the stream releases the connection")
    void truncatedFrameThenEndOfStream() throws Exception {
        Bystander bystander = bystander(factory);
        bystander.awaitTraffic(10);
        int connections = Broker.get().connectionCount();
        byte[] hello = hello(Protocol.MAGIC, Protocol.VERSION);
        try (Socket socket = rawSocket(Broker.get())) {
            socket.getOutputStream().write(hello, 0, hello.length - 3);
            socket.shutdownOutput();
            assertTrue(readUntilClosed(socket).isEmpty());
        }
        try (Socket socket = rawSocket(Broker.get())) {
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.write(hello);
            out.writeInt(1000);
            out.write(new byte[10]);
            out.flush();
            socket.shutdownOutput();
            // The WELCOME may or may not get out before the broker sees the end of the stream.
            assertTrue(List.of(FrameType.WELCOME.code()).containsAll(readUntilClosed(socket)));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> Broker.get().connectionCount() == connections);
        bystander.assertUndisturbed();
    }

    @Test
    @DisplayName("a client that connects and says nothing is disconnected after the handshake timeout")
    void silentClientIsDisconnected() throws Exception {
        try (WrenBroker dedicated = Broker.startDedicated(b -> b.handshakeTimeout(Duration.ofMillis(300)))) {
            Bystander bystander = bystander(new WrenConnectionFactory(Broker.url(dedicated, null)));
            try (Socket socket = rawSocket(dedicated)) {
                assertEquals(List.of(FrameType.ERROR.code()), readUntilClosed(socket));
            }
            bystander.assertUndisturbed();
        }
    }

    @Test
    @DisplayName("3.4.7, 6.2.10: a client JVM killed while holding unacknowledged messages: they come back flagged "
            + "redelivered, and other clients notice nothing")
    void messagesOfAKilledClientComeBackFlagged() throws Exception {
        Bystander bystander = bystander(factory);
        String name = uniqueName();
        Session s = connection().createSession(Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(name);
        MessageProducer p = s.createProducer(q);
        int count = 5;
        for (int i = 0; i < count; i++) {
            p.send(s.createTextMessage("held-" + i));
        }

        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-cp", System.getProperty("java.class.path"), HoldingClient.class.getName(),
                Broker.url(null), name, String.valueOf(count))
                .redirectErrorStream(true)
                .start();
        try {
            List<String> output = new CopyOnWriteArrayList<>();
            CompletableFuture<String> holding = CompletableFuture.supplyAsync(() -> {
                try (BufferedReader r = new BufferedReader(
                        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        output.add(line);
                        if (line.startsWith(HoldingClient.HOLDING)) {
                            return line;
                        }
                    }
                    return null;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, THREAD_PER_TASK);
            assertEquals(HoldingClient.HOLDING + count, holding.get(30, TimeUnit.SECONDS), "child said " + output);
            assertEquals(count, Broker.queueStats(name).map(DestinationStats::inFlight).orElse(0L));
            child.destroyForcibly();
            assertTrue(child.waitFor(10, TimeUnit.SECONDS));
        } finally {
            child.destroyForcibly();
        }

        MessageConsumer next = startedConnection().createSession(Session.AUTO_ACKNOWLEDGE).createConsumer(q);
        for (int i = 0; i < count; i++) {
            Message m = next.receive(10_000);
            assertNotNull(m, "message " + i + " held by the killed client was lost");
            assertEquals("held-" + i, ((TextMessage) m).getText());
            assertTrue(m.getJMSRedelivered(), "seen by the killed client: flagged");
            assertEquals(2, m.getIntProperty("JMSXDeliveryCount"));
        }
        assertNull(next.receive(200));
        bystander.assertUndisturbed();
    }
}
