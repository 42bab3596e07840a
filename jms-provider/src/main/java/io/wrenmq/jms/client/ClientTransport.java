package io.wrenmq.jms.client;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.wrenmq.jms.client.spi.DuplexStream;
import io.wrenmq.protocol.BrowsedFrame;
import io.wrenmq.protocol.DeliverFrame;
import io.wrenmq.protocol.ErrorCode;
import io.wrenmq.protocol.ErrorFrame;
import io.wrenmq.protocol.Frame;
import io.wrenmq.protocol.HelloFrame;
import io.wrenmq.protocol.PingFrame;
import io.wrenmq.protocol.Protocol;
import io.wrenmq.protocol.PullEmptyFrame;
import io.wrenmq.protocol.ReceiptFrame;
import io.wrenmq.protocol.RecoveredFrame;
import io.wrenmq.protocol.SendCreditFrame;
import io.wrenmq.protocol.WelcomeFrame;
import io.wrenmq.protocol.codec.FrameCodec;
import io.wrenmq.protocol.codec.MalformedFrameException;
import jakarta.jms.JMSException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongFunction;

import javax.net.ssl.SSLException;

/**
 * One connection to a broker: the handshake, requests matched to their replies, and inbound frames handed to a
 * {@link Listener} on the connection's reader thread. Thread-safe. The connection is a {@link DuplexStream}: a TCP
 * socket's streams, or for {@code vm://} those the in-VM broker hands out; everything below is the same for both.
 *
 * <h2>Threads: why a blocking socket and not an event loop</h2>
 * A JMS client has few connections and sends from application threads. When sends are spaced out (request and
 * reply, a consumer acknowledging now and then), the sending thread writes its frame itself: that spares the
 * hand-over to an I/O thread, a wake-up per send and the largest cost of a round trip. When sends come fast (one
 * within {@value #BURST_MICROS} µs of the last write), they are queued for the connection's writer thread, which
 * writes everything queued in one system call while the senders carry on, as an event loop would. Frames that
 * need not go at once (acknowledgements) are only queued: they leave with the next frame that goes, or within
 * about {@value #LAZY_MICROS} µs by the writer thread. Either way frames are written under one lock, in the order
 * they were queued, by whoever holds it; a sender that finds it taken leaves its frame to the holder, which writes
 * everything queued before it lets go. One thread at a time reads a connection's frames and hands them to the
 * listener; a reading thread that is to run application code (a session's message listener) first hands reading to
 * another thread, so a listener never holds up the frames of others. A shared timer
 * sends pings on an idle connection and closes one from which nothing was heard for three heartbeat intervals.
 */
final class ClientTransport {
    private static final Logger log = LoggerFactory.getLogger(ClientTransport.class);
    /** The client accepts frames up to this size from the broker; the broker's own limit governs sends. */
    private static final int MAX_INBOUND_FRAME = 64 * 1024 * 1024;
    /** Bytes read from the socket at a time, at most. */
    private static final int READ_BUFFER = 64 * 1024;
    /** Frames written in one system call at most, in bytes (more go in the next one). */
    private static final int WRITE_CHUNK = 64 * 1024;
    /** A send this soon after the one before is part of a burst and goes to the writer thread. */
    private static final long BURST_MICROS = 50;
    private static final long BURST_NANOS = TimeUnit.MICROSECONDS.toNanos(BURST_MICROS);
    /** The longest a frame sent lazily waits for another frame to go with. */
    private static final long LAZY_MICROS = 1000;
    private static final long LAZY_NANOS = TimeUnit.MICROSECONDS.toNanos(LAZY_MICROS);
    /** After this many ticks without a lazy frame the writer stops ticking and sleeps until woken. */
    private static final int IDLE_TICKS = 100;
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "wren-heartbeat");
        t.setDaemon(true);
        return t;
    });

    /** Receives what the broker pushes; called on the reader thread and must not block. */
    interface Listener {
        void onDeliver(DeliverFrame frame);

        void onPullEmpty(PullEmptyFrame frame);

        void onSendCredit(int bytes);

        /** The broker refused sends that wanted no answer; the connection goes on. */
        void onRefusedSends(JMSException cause);

        /** The connection ended; {@code cause} is null when the client closed it in order. */
        void onClosed(JMSException cause);
    }

    private final DuplexStream link;
    private final String peer;
    private final FrameInput in;
    private final OutputStream out;
    private final Listener listener;
    private final long requestTimeoutMs;
    private final AtomicLong requestIds = new AtomicLong();
    private final ConcurrentHashMap<Long, CompletableFuture<Frame>> pending = new ConcurrentHashMap<>();
    private final CompletableFuture<Frame> handshake = new CompletableFuture<>();
    private final Queue<Frame> outbox = new ConcurrentLinkedQueue<>();
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ByteBuf writeBuffer = Unpooled.buffer(8 * 1024);
    private volatile WelcomeFrame welcome;
    private volatile boolean closing;
    private volatile boolean ended;
    private volatile String brokerReason;
    private volatile ErrorCode brokerCode;
    private volatile long lastRead = System.nanoTime();
    private volatile long lastWrite = System.nanoTime();
    private volatile long lastSend;
    /** Set when a frame is sent lazily, cleared by the writer's tick that covers it. */
    private final AtomicBoolean lazyWaiting = new AtomicBoolean();
    /** True while the writer wakes every {@link #LAZY_NANOS} by itself, so lazy senders need not wake it. */
    private volatile boolean writerTicking;
    private ScheduledFuture<?> heartbeat;
    private Thread writer;
    /** Set by {@link #runOnReadingThread} while a frame is dispatched; touched only by the reading thread. */
    private Runnable afterFrame;

    /** The connection whose frames the current thread is reading, if it is reading one. */
    private static final ThreadLocal<ClientTransport> READING = new ThreadLocal<>();

    private ClientTransport(DuplexStream link, Listener listener, long requestTimeoutMs) throws IOException {
        this.link = link;
        this.peer = link.toString();
        // Buffered: a stream of small frames is then read a buffer at a time, not two system calls per frame.
        this.in = new FrameInput(link.input());
        this.out = link.output();
        this.listener = listener;
        this.requestTimeoutMs = requestTimeoutMs;
    }

    /**
     * Connects and shakes hands.
     *
     * @throws JMSException with the broker's reason if it refused (e.g. {@code InvalidClientIDException}), or if
     *         it could not be reached in time
     */
    static ClientTransport connect(BrokerUrl url, HelloFrame hello, Listener listener) throws JMSException {
        long connectTimeout = url.millis("connectTimeout", 10_000);
        DuplexStream link = url.inVm() ? InVmConnectors.connect(url) : SocketDuplex.connect(url, connectTimeout);
        ClientTransport t;
        try {
            t = new ClientTransport(link, listener, url.millis("requestTimeout", 30_000));
        } catch (IOException e) {
            closeQuietly(link);
            throw Exceptions.withCause(new JMSException("cannot connect to the broker at " + url.address() + ": "
                    + e.getMessage()), e);
        }
        t.writer = new Thread(t::writeLoop, "wren-writer-" + url.address());
        t.writer.setDaemon(true);
        ClientThreads.run(t::readLoop);
        t.writer.start();
        t.send(hello);
        Frame answer;
        try {
            answer = t.handshake.get(connectTimeout, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            t.abort();
            throw Exceptions.withCause(new JMSException("interrupted while connecting"), e);
        } catch (ExecutionException | TimeoutException e) {
            t.abort();
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            if (cause instanceof JMSException je) {
                throw url.tls() ? ClientTls.withRefusalHint(url, je) : je;
            }
            throw Exceptions.withCause(new JMSException("no answer from the broker at " + url.address() + " within "
                    + connectTimeout + " ms"), cause);
        }
        if (answer instanceof ErrorFrame error) {
            t.abort();
            throw Exceptions.of(error.code(), error.message());
        }
        WelcomeFrame w = (WelcomeFrame) answer;
        t.welcome = w;
        if (w.heartbeatMs() > 0) {
            long hb = w.heartbeatMs();
            t.heartbeat = TIMER.scheduleAtFixedRate(() -> t.beat(hb), hb, hb, TimeUnit.MILLISECONDS);
        }
        return t;
    }

    WelcomeFrame welcome() {
        return welcome;
    }

    boolean isOpen() {
        return !ended && !closing;
    }

    // Writing

    /**
     * Sends a frame that wants no reply: written by this thread before this returns, or, in a burst of sends or
     * while another thread writes, soon after by the writer or that thread (see the class comment). A frame sent
     * after the connection ended is dropped.
     */
    void send(Frame frame) {
        outbox.offer(frame);
        long now = System.nanoTime();
        long previous = lastSend;
        lastSend = now;
        if (now - previous < BURST_NANOS) {
            LockSupport.unpark(writer);
        } else {
            flush();
        }
    }

    /**
     * Sends a frame that may wait a little (an acknowledgement): it goes with the next frame sent, or by the
     * writer's next tick, within two ticks of {@value #LAZY_MICROS} µs.
     */
    void sendLazily(Frame frame) {
        outbox.offer(frame);
        if (!lazyWaiting.get()) {
            lazyWaiting.set(true);
        }
        if (!writerTicking) {
            LockSupport.unpark(writer);
        }
    }

    /**
     * The writer thread: writes what bursts of sends queue, and lazy frames nobody took along, until the end. While
     * lazy frames keep coming (a consumer acknowledging) it ticks every {@link #LAZY_NANOS} rather than being woken
     * for each: a wake-up costs the sender a system call. A lazy sender sets the flag before it reads
     * {@link #writerTicking}, and the writer clears that before it reads the flag, so either the writer ticks on or
     * the sender wakes it; no frame is left behind.
     */
    private void writeLoop() {
        int idle = 0;
        while (!ended) {
            if (writerTicking) {
                LockSupport.parkNanos(this, LAZY_NANOS);
                idle = lazyWaiting.getAndSet(false) ? 0 : idle + 1;
                if (idle >= IDLE_TICKS) {
                    writerTicking = false;
                    if (lazyWaiting.get()) {
                        writerTicking = true;
                        idle = 0;
                    }
                }
            } else if (lazyWaiting.get()) {
                writerTicking = true;
                idle = 0;
                continue;
            } else if (outbox.isEmpty()) {
                LockSupport.park(this);
            }
            flush();
        }
    }

    /** Writes what is queued while this thread can take the lock; see the class comment. */
    private void flush() {
        while (!outbox.isEmpty() && writeLock.tryLock()) {
            try {
                writeQueued();
            } finally {
                writeLock.unlock();
            }
        }
    }

    private void writeQueued() {
        Frame f;
        while ((f = outbox.poll()) != null) {
            if (ended) {
                outbox.clear();
                return;
            }
            FrameCodec.encode(f, writeBuffer);
            if (writeBuffer.readableBytes() >= WRITE_CHUNK || outbox.isEmpty()) {
                writeBuffered();
            }
        }
    }

    private void writeBuffered() {
        try {
            out.write(writeBuffer.array(), writeBuffer.arrayOffset() + writeBuffer.readerIndex(),
                    writeBuffer.readableBytes());
            lastWrite = System.nanoTime();
        } catch (IOException e) {
            if (handshake.isDone()) {
                fail("cannot write to the broker: " + e.getMessage(), null);
            } else {
                // A broker refusing a TLS client certificate closes as the HELLO goes out; its alert, which the
                // reader is about to see, says why, and this write's reset must not hide it.
                log.debug("Writing the HELLO to {} failed", peer, e);
            }
        } finally {
            writeBuffer.clear();
            if (writeBuffer.capacity() > 4 * WRITE_CHUNK) {
                // A large message grew it; do not keep megabytes per idle connection.
                writeBuffer.capacity(8 * 1024);
            }
        }
    }

    // Requests

    /**
     * Sends a request built around a fresh request id and waits for its reply.
     *
     * @return the {@link ReceiptFrame}, {@link RecoveredFrame} or {@link BrowsedFrame}
     * @throws JMSException the exception the broker's error names, or a failure of the connection
     */
    Frame request(LongFunction<Frame> build) throws JMSException {
        return await(requestAsync(build));
    }

    /** Sends a request; the future completes with the reply or a {@link JMSException}. */
    CompletableFuture<Frame> requestAsync(LongFunction<Frame> build) {
        long id = requestIds.incrementAndGet();
        CompletableFuture<Frame> f = new CompletableFuture<>();
        pending.put(id, f);
        if (ended) {
            pending.remove(id);
            f.completeExceptionally(failure());
            return f;
        }
        send(build.apply(id));
        return f;
    }

    /** Waits for a request's reply, at most the request timeout. */
    Frame await(CompletableFuture<Frame> f) throws JMSException {
        return await(f, requestTimeoutMs);
    }

    /**
     * Waits for the receipt of a send for as long as the connection lives: a broker over its memory limit holds
     * receipts back on purpose, and a send that gave up on a message the broker has would invite a duplicate. A
     * dead broker is noticed by the heartbeat, which fails the wait.
     */
    Frame awaitReceipt(CompletableFuture<Frame> f) throws JMSException {
        return await(f, Long.MAX_VALUE);
    }

    private Frame await(CompletableFuture<Frame> f, long timeoutMs) throws JMSException {
        try {
            return f.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Exceptions.withCause(new JMSException("interrupted while waiting for the broker"), e);
        } catch (TimeoutException e) {
            throw Exceptions.withCause(new JMSException("no answer from the broker within " + requestTimeoutMs
                    + " ms"), e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof JMSException je) {
                // Rethrown as a new exception so that the stack shows the caller, not the reader thread.
                throw copyOf(je);
            }
            throw Exceptions.withCause(new JMSException(String.valueOf(cause)), cause);
        }
    }

    /*
     * Reflection here copies an exception object this client made itself (Exceptions.of maps the broker's ErrorCode
     * to a jakarta.jms class); no frame carries a class name, so nothing from the wire picks what is instantiated
     * (the flaw of CVE-2023-46604).
     */
    private static JMSException copyOf(JMSException e) {
        JMSException copy;
        try {
            copy = e.getClass().getConstructor(String.class).newInstance(e.getMessage());
        } catch (ReflectiveOperationException notCopyable) {
            return e;
        }
        copy.initCause(e);
        return copy;
    }

    // Reading, on a thread of ClientThreads

    /**
     * Called while the calling thread dispatches a frame it read: if no further frame is already waiting, that
     * thread runs {@code task} once the dispatch is done, after handing reading over to another thread. A listener
     * then starts at once instead of after another thread's wake-up, which is most of a request's round trip; the
     * wake-up of the next reader overlaps the listener's work. In a burst (more frames waiting) the reader reads
     * on and the caller runs the task elsewhere.
     *
     * @return false if the caller is not reading frames, or more frames wait, or a task was already taken
     */
    static boolean runOnReadingThread(Runnable task) {
        ClientTransport t = READING.get();
        if (t == null || t.afterFrame != null || t.in.buffered() > 0) {
            return false;
        }
        t.afterFrame = task;
        return true;
    }

    private void readLoop() {
        READING.set(this);
        boolean readOn;
        try {
            readOn = readFrames();
        } finally {
            READING.remove();
        }
        // Taken even if the connection ended while the frame that handed it over was dispatched: a task dropped
        // here would leave its executor scheduled, and so stalled, for good.
        Runnable task = afterFrame;
        afterFrame = null;
        if (readOn) {
            ClientThreads.run(this::readLoop);
        }
        if (task != null) {
            task.run();
        }
    }

    /**
     * Reads and dispatches frames until a task is handed to this thread (then true: another thread must read on)
     * or the connection ends (false).
     */
    private boolean readFrames() {
        try {
            byte[] header = new byte[5];
            while (true) {
                readFully(header, 5);
                int length = ((header[0] & 0xff) << 24) | ((header[1] & 0xff) << 16) | ((header[2] & 0xff) << 8)
                        | (header[3] & 0xff);
                if (length < 1 || length > MAX_INBOUND_FRAME) {
                    throw new MalformedFrameException("frame length " + length + " is outside 1.." + MAX_INBOUND_FRAME);
                }
                byte[] body = new byte[length - 1];
                readFully(body, body.length);
                lastRead = System.nanoTime();
                dispatch(FrameCodec.decode(header[4] & 0xff, Unpooled.wrappedBuffer(body)));
                if (afterFrame != null) {
                    return true;
                }
            }
        } catch (MalformedFrameException e) {
            brokerReason = "malformed frame from the broker: " + e.getMessage();
            log.warn("Closing the connection to {}: {}", peer, brokerReason);
        } catch (IOException e) {
            if (!closing && brokerReason == null) {
                brokerReason = e instanceof EOFException ? null
                        : e instanceof SSLException tls ? ClientTls.explainRefusal(tls) : e.toString();
                log.debug("Connection to {} ended", peer, e);
            }
        } catch (RuntimeException e) {
            brokerReason = "unexpected failure reading from the broker: " + e;
            log.warn("Closing the connection to {}", peer, e);
        }
        ended();
        return false;
    }

    private void readFully(byte[] b, int n) throws IOException {
        int off = 0;
        while (off < n) {
            int r = in.read(b, off, n - off);
            if (r < 0) {
                throw new EOFException("the broker closed the connection");
            }
            off += r;
        }
    }

    private void dispatch(Frame frame) throws MalformedFrameException {
        switch (frame.type()) {
            case DELIVER -> listener.onDeliver((DeliverFrame) frame);
            case RECEIPT -> complete(((ReceiptFrame) frame).requestId(), frame);
            case SEND_CREDIT -> listener.onSendCredit(((SendCreditFrame) frame).bytes());
            case PULL_EMPTY -> listener.onPullEmpty((PullEmptyFrame) frame);
            case RECOVERED -> complete(((RecoveredFrame) frame).requestId(), frame);
            case BROWSED -> complete(((BrowsedFrame) frame).requestId(), frame);
            case PING -> {
            }
            case WELCOME -> handshake.complete(frame);
            case ERROR -> onError((ErrorFrame) frame);
            default -> throw new MalformedFrameException("the broker sent an unexpected " + frame.type() + " frame");
        }
    }

    private void onError(ErrorFrame error) {
        if (error.requestId() == Protocol.REFUSED_UNANSWERED_SENDS) {
            listener.onRefusedSends(Exceptions.of(error.code(), error.message()));
            return;
        }
        if (error.requestId() == 0) {
            // The broker is about to close the connection and says why.
            brokerReason = error.message();
            brokerCode = error.code();
            if (!handshake.isDone()) {
                handshake.complete(error);
            }
            return;
        }
        CompletableFuture<Frame> f = pending.remove(error.requestId());
        if (f != null) {
            f.completeExceptionally(Exceptions.of(error.code(), error.message()));
        }
    }

    private void complete(long requestId, Frame frame) {
        CompletableFuture<Frame> f = pending.remove(requestId);
        if (f != null) {
            f.complete(frame);
        }
    }

    private JMSException failure() {
        String reason = brokerReason;
        if (reason != null && brokerCode != null && brokerCode != ErrorCode.PROTOCOL
                && brokerCode != ErrorCode.GENERAL) {
            return Exceptions.of(brokerCode, reason);
        }
        return new JMSException("the connection to the broker was lost" + (reason == null ? "" : ": " + reason));
    }

    // Heartbeat and the end

    /** On the timer: a ping if this side said nothing for an interval; the end if the broker said nothing for 3. */
    private void beat(long intervalMs) {
        long now = System.nanoTime();
        if (now - lastRead > TimeUnit.MILLISECONDS.toNanos(3 * intervalMs)) {
            fail("nothing heard from the broker for " + 3 * intervalMs + " ms", null);
            return;
        }
        if (now - lastWrite >= TimeUnit.MILLISECONDS.toNanos(intervalMs) && !writeLock.isLocked()) {
            send(PingFrame.INSTANCE);
        }
    }

    private void fail(String reason, Throwable cause) {
        if (brokerReason == null) {
            brokerReason = reason;
        }
        if (cause != null) {
            log.debug("Connection to {} failed", peer, cause);
        }
        closeQuietly(link);
    }

    /** The connection is over (the reader ends here): every request waiting fails, the listener is told. */
    private void ended() {
        if (ended) {
            return;
        }
        ended = true;
        LockSupport.unpark(writer);
        if (heartbeat != null) {
            heartbeat.cancel(false);
        }
        closeQuietly(link);
        JMSException failure = failure();
        if (!handshake.isDone()) {
            handshake.completeExceptionally(failure);
        }
        for (Long id : pending.keySet()) {
            CompletableFuture<Frame> f = pending.remove(id);
            if (f != null) {
                f.completeExceptionally(failure);
            }
        }
        outbox.clear();
        listener.onClosed(closing ? null : failure);
    }

    /** Closes the connection once what was sent before is written; the reader then ends. */
    void close() {
        closing = true;
        writeLock.lock();
        try {
            writeQueued();
            link.shutdownOutput();
        } catch (IOException e) {
            log.debug("Closing the connection to {}", peer, e);
        } finally {
            writeLock.unlock();
        }
        closeQuietly(link);
    }

    /** Closes the connection without waiting for anything, as a failure does. */
    void abort() {
        closeQuietly(link);
    }

    private static void closeQuietly(DuplexStream s) {
        try {
            s.close();
        } catch (IOException e) {
            // Closing what failed already: nothing more to do.
        }
    }

    /** Protocol constant re-exported for callers that size messages. */
    static int frameOverhead() {
        return Protocol.FRAME_OVERHEAD;
    }

    /** Buffered input that tells how much it holds: whether another frame is already waiting. */
    private static final class FrameInput extends BufferedInputStream {
        FrameInput(InputStream in) {
            super(in, READ_BUFFER);
        }

        /** Called by the reading thread only, which also fills the buffer. */
        int buffered() {
            return count - pos;
        }
    }
}
