package io.wrenmq.protocol.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.wrenmq.protocol.AckFrame;
import io.wrenmq.protocol.AckKind;
import io.wrenmq.protocol.BrowseFrame;
import io.wrenmq.protocol.BrowsedFrame;
import io.wrenmq.protocol.CloseConsumerFrame;
import io.wrenmq.protocol.CloseFrame;
import io.wrenmq.protocol.CloseSessionFrame;
import io.wrenmq.protocol.CommitFrame;
import io.wrenmq.protocol.ConsumerMark;
import io.wrenmq.protocol.CreateConsumerFrame;
import io.wrenmq.protocol.CreateSessionFrame;
import io.wrenmq.protocol.CreateTempDestinationFrame;
import io.wrenmq.protocol.DeleteTempDestinationFrame;
import io.wrenmq.protocol.DeliverFrame;
import io.wrenmq.protocol.DestinationKind;
import io.wrenmq.protocol.ErrorCode;
import io.wrenmq.protocol.ErrorFrame;
import io.wrenmq.protocol.Frame;
import io.wrenmq.protocol.FrameType;
import io.wrenmq.protocol.HelloFrame;
import io.wrenmq.protocol.PingFrame;
import io.wrenmq.protocol.Protocol;
import io.wrenmq.protocol.PullEmptyFrame;
import io.wrenmq.protocol.PullFrame;
import io.wrenmq.protocol.ReceiptFrame;
import io.wrenmq.protocol.RecoverFrame;
import io.wrenmq.protocol.RecoveredFrame;
import io.wrenmq.protocol.RollbackFrame;
import io.wrenmq.protocol.SendCreditFrame;
import io.wrenmq.protocol.SendFrame;
import io.wrenmq.protocol.SessionAckFrame;
import io.wrenmq.protocol.SetClientIdFrame;
import io.wrenmq.protocol.SubscriptionKind;
import io.wrenmq.protocol.UnsubscribeFrame;
import io.wrenmq.protocol.WelcomeFrame;
import io.wrenmq.protocol.WireDestination;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The body layout of every frame kind; each record's class comment draws its own. Encoding appends a whole frame
 * (length, type, body) to a buffer; decoding reads one body and insists that it is consumed exactly.
 * Stateless and thread-safe.
 */
public final class FrameCodec {

    private FrameCodec() {
    }

    /** About how many bytes {@code frame} takes encoded, to size buffers; a buffer grows if the guess is short. */
    public static int sizeHint(Frame frame) {
        if (frame instanceof DeliverFrame f) {
            return f.message().length + 32;
        }
        if (frame instanceof SendFrame f) {
            return f.message().length + 32 + 3 * f.destination().name().length();
        }
        return 256;
    }

    /** Appends {@code frame}, length prefix and type byte included, to {@code out}. */
    public static void encode(Frame frame, ByteBuf out) {
        int lengthIndex = out.writerIndex();
        out.writeInt(0);
        out.writeByte(frame.type().code());
        // The frames of the message path in methods of their own: a frame type seen for the first time (a
        // temporary queue created, say) then deoptimizes only the compiled code of the rarer frames.
        if (frame instanceof SendFrame f) {
            writeSend(f, out);
        } else if (frame instanceof DeliverFrame f) {
            writeDeliver(f, out);
        } else if (frame instanceof AckFrame f) {
            writeAck(f, out);
        } else {
            writeBody(frame, out);
        }
        out.setInt(lengthIndex, out.writerIndex() - lengthIndex - 4);
    }

    private static void writeSend(SendFrame f, ByteBuf out) {
        out.writeLong(f.requestId());
        out.writeInt(f.sessionId());
        writeDestination(out, f.destination());
        writeBytes(out, f.message());
    }

    private static void writeDeliver(DeliverFrame f, ByteBuf out) {
        out.writeInt(f.consumerId());
        out.writeLong(f.deliveryId());
        out.writeInt(f.deliveryCount());
        writeBytes(out, f.message());
    }

    private static void writeAck(AckFrame f, ByteBuf out) {
        out.writeInt(f.consumerId());
        out.writeLong(f.deliveryId());
        out.writeByte(f.kind().code());
        out.writeInt(f.credit());
    }

    /** The frames other than SEND, DELIVER and ACK. */
    private static void writeBody(Frame frame, ByteBuf out) {
        switch (frame.type()) {
            case HELLO -> {
                HelloFrame f = (HelloFrame) frame;
                out.writeInt(Protocol.MAGIC);
                out.writeShort(f.version());
                writeString(out, f.clientId());
                writeString(out, f.user());
                writeString(out, f.password());
                out.writeInt(f.heartbeatMs());
            }
            case WELCOME -> {
                WelcomeFrame f = (WelcomeFrame) frame;
                out.writeShort(f.version());
                writeString(out, f.brokerVersion());
                writeString(out, f.connectionId());
                out.writeInt(f.maxFrameSize());
                out.writeInt(f.sendWindow());
                out.writeInt(f.heartbeatMs());
            }
            case ERROR -> {
                ErrorFrame f = (ErrorFrame) frame;
                out.writeLong(f.requestId());
                out.writeByte(f.code().code());
                writeString(out, f.message());
            }
            case RECEIPT -> out.writeLong(((ReceiptFrame) frame).requestId());
            case CLOSE -> out.writeLong(((CloseFrame) frame).requestId());
            case PING -> {
            }
            case SET_CLIENT_ID -> {
                SetClientIdFrame f = (SetClientIdFrame) frame;
                out.writeLong(f.requestId());
                writeString(out, f.clientId());
            }
            case CREATE_SESSION -> {
                CreateSessionFrame f = (CreateSessionFrame) frame;
                out.writeLong(f.requestId());
                out.writeInt(f.sessionId());
                out.writeByte(f.ackMode());
            }
            case CLOSE_SESSION -> {
                CloseSessionFrame f = (CloseSessionFrame) frame;
                out.writeLong(f.requestId());
                out.writeInt(f.sessionId());
                writeMarks(out, f.delivered());
            }
            case RECOVER -> {
                RecoverFrame f = (RecoverFrame) frame;
                out.writeLong(f.requestId());
                out.writeInt(f.sessionId());
                writeMarks(out, f.delivered());
            }
            case RECOVERED -> {
                RecoveredFrame f = (RecoveredFrame) frame;
                out.writeLong(f.requestId());
                writeMarks(out, f.restartFrom());
            }
            case SESSION_ACK -> {
                SessionAckFrame f = (SessionAckFrame) frame;
                out.writeLong(f.requestId());
                out.writeInt(f.sessionId());
                writeMarks(out, f.upTo());
            }
            case COMMIT -> {
                CommitFrame f = (CommitFrame) frame;
                out.writeLong(f.requestId());
                out.writeInt(f.sessionId());
                writeMarks(out, f.consumed());
            }
            case ROLLBACK -> {
                RollbackFrame f = (RollbackFrame) frame;
                out.writeLong(f.requestId());
                out.writeInt(f.sessionId());
                writeMarks(out, f.delivered());
            }
            case CREATE_CONSUMER -> {
                CreateConsumerFrame f = (CreateConsumerFrame) frame;
                out.writeLong(f.requestId());
                out.writeInt(f.sessionId());
                out.writeInt(f.consumerId());
                writeDestination(out, f.destination());
                writeString(out, f.selector());
                out.writeBoolean(f.noLocal());
                out.writeInt(f.prefetch());
                writeString(out, f.subscriptionName());
                out.writeByte(f.subscriptionKind().code());
            }
            case CLOSE_CONSUMER -> {
                CloseConsumerFrame f = (CloseConsumerFrame) frame;
                out.writeLong(f.requestId());
                out.writeInt(f.consumerId());
                out.writeLong(f.lastDelivered());
            }
            case PULL -> {
                PullFrame f = (PullFrame) frame;
                out.writeInt(f.consumerId());
                out.writeLong(f.pullId());
                out.writeLong(f.timeoutMs());
            }
            case PULL_EMPTY -> {
                PullEmptyFrame f = (PullEmptyFrame) frame;
                out.writeInt(f.consumerId());
                out.writeLong(f.pullId());
            }
            case SEND_CREDIT -> out.writeInt(((SendCreditFrame) frame).bytes());
            case CREATE_TEMP_DESTINATION -> {
                CreateTempDestinationFrame f = (CreateTempDestinationFrame) frame;
                out.writeLong(f.requestId());
                writeDestination(out, f.destination());
            }
            case DELETE_TEMP_DESTINATION -> {
                DeleteTempDestinationFrame f = (DeleteTempDestinationFrame) frame;
                out.writeLong(f.requestId());
                writeDestination(out, f.destination());
            }
            case BROWSE -> {
                BrowseFrame f = (BrowseFrame) frame;
                out.writeLong(f.requestId());
                writeDestination(out, f.queue());
                writeString(out, f.selector());
                out.writeInt(f.afterPriority());
                out.writeLong(f.afterId());
                out.writeInt(f.max());
            }
            case BROWSED -> {
                BrowsedFrame f = (BrowsedFrame) frame;
                out.writeLong(f.requestId());
                out.writeInt(f.messages().size());
                for (int i = 0; i < f.messages().size(); i++) {
                    out.writeInt(f.deliveryCounts().get(i));
                    writeBytes(out, f.messages().get(i));
                }
                out.writeInt(f.lastPriority());
                out.writeLong(f.lastId());
                out.writeBoolean(f.more());
            }
            case UNSUBSCRIBE -> {
                UnsubscribeFrame f = (UnsubscribeFrame) frame;
                out.writeLong(f.requestId());
                writeString(out, f.name());
            }
            default -> throw new AssertionError(frame.type());
        }
    }

    /**
     * Decodes one frame body, which must be consumed exactly.
     *
     * @throws MalformedFrameException for an unknown type, a truncated body, a bad field or trailing bytes
     */
    public static Frame decode(int typeCode, ByteBuf body) throws MalformedFrameException {
        FrameType type = FrameType.ofCode(typeCode);
        if (type == null) {
            throw new MalformedFrameException("unknown frame type " + typeCode);
        }
        Frame frame;
        try {
            // As in encode: the message path apart from the rarer frames.
            frame = switch (type) {
                case SEND -> readSend(body);
                case DELIVER -> readDeliver(body);
                case ACK -> readAck(body);
                default -> readBody(type, body);
            };
        } catch (IndexOutOfBoundsException e) {
            throw new MalformedFrameException(type + " frame is truncated");
        } catch (IllegalArgumentException | NullPointerException e) {
            // A record's own validation refused a field value.
            throw new MalformedFrameException(type + " frame is invalid: " + e.getMessage());
        }
        if (body.isReadable()) {
            throw new MalformedFrameException(type + " frame has " + body.readableBytes() + " trailing bytes");
        }
        return frame;
    }

    private static SendFrame readSend(ByteBuf in) throws MalformedFrameException {
        return new SendFrame(in.readLong(), in.readInt(), readDestination(in), readBytes(in));
    }

    private static DeliverFrame readDeliver(ByteBuf in) throws MalformedFrameException {
        return new DeliverFrame(in.readInt(), in.readLong(), in.readInt(), readBytes(in));
    }

    private static AckFrame readAck(ByteBuf in) throws MalformedFrameException {
        int consumerId = in.readInt();
        long deliveryId = in.readLong();
        int kindCode = in.readUnsignedByte();
        AckKind kind = AckKind.ofCode(kindCode);
        if (kind == null) {
            throw new MalformedFrameException("unknown acknowledgement kind " + kindCode);
        }
        return new AckFrame(consumerId, deliveryId, kind, in.readInt());
    }

    /** The frames other than SEND, DELIVER and ACK. */
    private static Frame readBody(FrameType type, ByteBuf in) throws MalformedFrameException {
        switch (type) {
            case HELLO:
                int magic = in.readInt();
                if (magic != Protocol.MAGIC) {
                    throw new MalformedFrameException("HELLO without the Wren magic number: not a Wren client");
                }
                return new HelloFrame(in.readUnsignedShort(), readString(in), readString(in), readString(in),
                        in.readInt());
            case WELCOME:
                return new WelcomeFrame(in.readUnsignedShort(), readString(in), readString(in), in.readInt(),
                        in.readInt(), in.readInt());
            case ERROR: {
                long requestId = in.readLong();
                int code = in.readUnsignedByte();
                ErrorCode errorCode = ErrorCode.ofCode(code);
                // A newer broker's code still fails the request; the client sees the general exception.
                return new ErrorFrame(requestId, errorCode == null ? ErrorCode.GENERAL : errorCode,
                        requireString(in, "message"));
            }
            case RECEIPT:
                return new ReceiptFrame(in.readLong());
            case CLOSE:
                return new CloseFrame(in.readLong());
            case PING:
                return PingFrame.INSTANCE;
            case SET_CLIENT_ID:
                return new SetClientIdFrame(in.readLong(), requireString(in, "clientId"));
            case CREATE_SESSION:
                return new CreateSessionFrame(in.readLong(), in.readInt(), in.readUnsignedByte());
            case CLOSE_SESSION:
                return new CloseSessionFrame(in.readLong(), in.readInt(), readMarks(in));
            case RECOVER:
                return new RecoverFrame(in.readLong(), in.readInt(), readMarks(in));
            case RECOVERED:
                return new RecoveredFrame(in.readLong(), readMarks(in));
            case SESSION_ACK:
                return new SessionAckFrame(in.readLong(), in.readInt(), readMarks(in));
            case COMMIT:
                return new CommitFrame(in.readLong(), in.readInt(), readMarks(in));
            case ROLLBACK:
                return new RollbackFrame(in.readLong(), in.readInt(), readMarks(in));
            case CREATE_CONSUMER: {
                long requestId = in.readLong();
                int sessionId = in.readInt();
                int consumerId = in.readInt();
                WireDestination destination = readDestination(in);
                String selector = readString(in);
                boolean noLocal = readBoolean(in);
                int prefetch = in.readInt();
                String subscriptionName = readString(in);
                int kindCode = in.readUnsignedByte();
                SubscriptionKind kind = SubscriptionKind.ofCode(kindCode);
                if (kind == null) {
                    throw new MalformedFrameException("unknown subscription kind " + kindCode);
                }
                return new CreateConsumerFrame(requestId, sessionId, consumerId, destination, selector, noLocal,
                        prefetch, subscriptionName, kind);
            }
            case CLOSE_CONSUMER:
                return new CloseConsumerFrame(in.readLong(), in.readInt(), in.readLong());
            case PULL:
                return new PullFrame(in.readInt(), in.readLong(), in.readLong());
            case PULL_EMPTY:
                return new PullEmptyFrame(in.readInt(), in.readLong());
            case SEND_CREDIT:
                return new SendCreditFrame(in.readInt());
            case CREATE_TEMP_DESTINATION:
                return new CreateTempDestinationFrame(in.readLong(), readDestination(in));
            case DELETE_TEMP_DESTINATION:
                return new DeleteTempDestinationFrame(in.readLong(), readDestination(in));
            case BROWSE:
                return new BrowseFrame(in.readLong(), readDestination(in), readString(in), in.readInt(),
                        in.readLong(), in.readInt());
            case BROWSED:
                return readBrowsed(in);
            case UNSUBSCRIBE:
                return new UnsubscribeFrame(in.readLong(), requireString(in, "subscription name"));
            default:
                throw new AssertionError(type);
        }
    }

    private static BrowsedFrame readBrowsed(ByteBuf in) throws MalformedFrameException {
        long requestId = in.readLong();
        int n = in.readInt();
        // Each message takes at least its two length fields: a count that cannot fit is refused before allocating.
        checkLength(in, n * 8L > Integer.MAX_VALUE ? -1 : n * 8, "browsed message count");
        List<byte[]> messages = new ArrayList<>(n);
        List<Integer> counts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            counts.add(in.readInt());
            messages.add(readBytes(in));
        }
        return new BrowsedFrame(requestId, messages, counts, in.readInt(), in.readLong(), readBoolean(in));
    }

    private static void writeString(ByteBuf out, String s) {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(ByteBufUtil.utf8Bytes(s));
        ByteBufUtil.writeUtf8(out, s);
    }

    private static String readString(ByteBuf in) throws MalformedFrameException {
        int n = in.readInt();
        if (n == -1) {
            return null;
        }
        checkLength(in, n, "string");
        String s = in.toString(in.readerIndex(), n, StandardCharsets.UTF_8);
        in.skipBytes(n);
        return s;
    }

    private static String requireString(ByteBuf in, String field) throws MalformedFrameException {
        String s = readString(in);
        if (s == null) {
            throw new MalformedFrameException(field + " must not be null");
        }
        return s;
    }

    private static void writeBytes(ByteBuf out, byte[] bytes) {
        out.writeInt(bytes.length);
        out.writeBytes(bytes);
    }

    private static byte[] readBytes(ByteBuf in) throws MalformedFrameException {
        int n = in.readInt();
        checkLength(in, n, "byte array");
        byte[] bytes = new byte[n];
        in.readBytes(bytes);
        return bytes;
    }

    private static boolean readBoolean(ByteBuf in) throws MalformedFrameException {
        int b = in.readUnsignedByte();
        if (b > 1) {
            throw new MalformedFrameException("boolean byte " + b + " is neither 0 nor 1");
        }
        return b == 1;
    }

    private static void checkLength(ByteBuf in, int n, String what) throws MalformedFrameException {
        if (n < 0 || n > in.readableBytes()) {
            throw new MalformedFrameException(what + " length " + n + " does not fit the "
                    + in.readableBytes() + " bytes left in the frame");
        }
    }

    private static void writeDestination(ByteBuf out, WireDestination d) {
        out.writeByte(d.kind().code());
        writeString(out, d.name());
    }

    private static WireDestination readDestination(ByteBuf in) throws MalformedFrameException {
        int code = in.readUnsignedByte();
        DestinationKind kind = DestinationKind.ofCode(code);
        if (kind == null) {
            throw new MalformedFrameException("unknown destination kind " + code);
        }
        String name = requireString(in, "destination name");
        if (name.isEmpty()) {
            throw new MalformedFrameException("destination name is empty");
        }
        return new WireDestination(kind, name);
    }

    private static void writeMarks(ByteBuf out, List<ConsumerMark> marks) {
        out.writeInt(marks.size());
        for (ConsumerMark m : marks) {
            out.writeInt(m.consumerId());
            out.writeLong(m.deliveryId());
        }
    }

    private static List<ConsumerMark> readMarks(ByteBuf in) throws MalformedFrameException {
        int n = in.readInt();
        // 12 bytes a mark: a count the frame cannot hold is refused before anything is allocated.
        if (n < 0 || (long) n * 12 > in.readableBytes()) {
            throw new MalformedFrameException("mark count " + n + " does not fit the frame");
        }
        List<ConsumerMark> marks = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            marks.add(new ConsumerMark(in.readInt(), in.readLong()));
        }
        return marks;
    }
}
