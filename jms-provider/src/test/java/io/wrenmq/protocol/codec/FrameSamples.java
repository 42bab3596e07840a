package io.wrenmq.protocol.codec;

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

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Sample frames of every kind, edge values included: null where a field allows it, empty and non-ASCII strings,
 * empty and long lists, extreme numbers, every constant of every enum a frame carries, and large byte arrays.
 * {@code FrameCodecTest} refuses to pass while a {@link FrameType} has no sample here.
 */
final class FrameSamples {
    /** Big enough to span many reads of a socket, small enough for the default frame limit. */
    static final int LARGE = 1024 * 1024;
    static final String NON_ASCII = "Grüße, 世界 \uD83D\uDE00";

    private static final Map<FrameType, List<Frame>> BY_TYPE = build();
    private static final List<Frame> SMALL = all().stream()
            .filter(f -> EncoderChannel.bytesOf(f).length < 512)
            .toList();

    private FrameSamples() {
    }

    /** The samples of each type; a type without any is simply absent. */
    static Map<FrameType, List<Frame>> byType() {
        return BY_TYPE;
    }

    static List<Frame> all() {
        return BY_TYPE.values().stream().flatMap(List::stream).toList();
    }

    /** The samples whose encoding takes less than 512 bytes, for tests that go through them byte by byte. */
    static List<Frame> small() {
        return SMALL;
    }

    private static Map<FrameType, List<Frame>> build() {
        Map<FrameType, List<Frame>> m = new EnumMap<>(FrameType.class);
        WireDestination queue = WireDestination.queue("orders");
        WireDestination tempQueue = new WireDestination(DestinationKind.TEMPORARY_QUEUE, "tmp-q-1");
        WireDestination tempTopic = new WireDestination(DestinationKind.TEMPORARY_TOPIC, "tmp-t-" + NON_ASCII);
        List<ConsumerMark> oneMark = List.of(new ConsumerMark(Integer.MAX_VALUE, Long.MAX_VALUE));
        List<ConsumerMark> manyMarks = IntStream.range(0, 1000).mapToObj(i -> new ConsumerMark(i, -i)).toList();

        add(m, new HelloFrame(Protocol.VERSION, "client-1", "alice", "secret", 30_000),
                new HelloFrame(0, null, null, null, 0),
                new HelloFrame(0xFFFF, "", NON_ASCII, "", Integer.MAX_VALUE),
                new HelloFrame(Protocol.VERSION, null, "u", "p", Integer.MIN_VALUE));
        add(m, new WelcomeFrame(Protocol.VERSION, "0.1.0", "c-1", Protocol.DEFAULT_MAX_FRAME_SIZE, 1 << 20, 15_000),
                new WelcomeFrame(0xFFFF, null, null, Integer.MAX_VALUE, Integer.MIN_VALUE, 0));
        for (ErrorCode code : ErrorCode.values()) {
            add(m, new ErrorFrame(code.ordinal(), code, "failed: " + code));
        }
        add(m, new ErrorFrame(Long.MAX_VALUE, ErrorCode.GENERAL, ""),
                new ErrorFrame(0, ErrorCode.PROTOCOL, NON_ASCII));
        add(m, new ReceiptFrame(1), new ReceiptFrame(Long.MIN_VALUE), new ReceiptFrame(Long.MAX_VALUE));
        add(m, new CloseFrame(0), new CloseFrame(Long.MAX_VALUE));
        add(m, PingFrame.INSTANCE);
        add(m, new SetClientIdFrame(7, "client-1"), new SetClientIdFrame(Long.MIN_VALUE, ""),
                new SetClientIdFrame(8, NON_ASCII));
        for (int ackMode = CreateSessionFrame.TRANSACTED; ackMode <= CreateSessionFrame.DUPS_OK_ACKNOWLEDGE; ackMode++) {
            add(m, new CreateSessionFrame(ackMode + 100L, Integer.MAX_VALUE - ackMode, ackMode));
        }
        add(m, new CloseSessionFrame(1, 2, List.of()), new CloseSessionFrame(Long.MAX_VALUE, Integer.MIN_VALUE,
                oneMark), new CloseSessionFrame(3, 4, manyMarks));
        add(m, new RecoverFrame(1, 2, List.of()), new RecoverFrame(5, 6, manyMarks));
        add(m, new RecoveredFrame(1, List.of()), new RecoveredFrame(Long.MIN_VALUE, oneMark),
                new RecoveredFrame(9, manyMarks));
        add(m, new SessionAckFrame(1, 2, List.of()), new SessionAckFrame(3, 4, manyMarks));
        add(m, new CommitFrame(1, 2, List.of()), new CommitFrame(Long.MAX_VALUE, Integer.MIN_VALUE, manyMarks));
        add(m, new RollbackFrame(1, 2, List.of()), new RollbackFrame(5, 6, manyMarks));
        for (SubscriptionKind kind : SubscriptionKind.values()) {
            add(m, new CreateConsumerFrame(10 + kind.ordinal(), 1, kind.ordinal(), WireDestination.topic("prices"),
                    "price > 10 AND name LIKE 'a%'", kind.ordinal() % 2 == 0, 1000, "sub-" + kind, kind));
        }
        for (DestinationKind kind : DestinationKind.values()) {
            add(m, new CreateConsumerFrame(20 + kind.ordinal(), Integer.MIN_VALUE, Integer.MAX_VALUE,
                    new WireDestination(kind, "d-" + kind + "-" + NON_ASCII), null, true, 0, null,
                    SubscriptionKind.NONE));
        }
        add(m, new CreateConsumerFrame(30, 1, 2, queue, "", false, Integer.MAX_VALUE, "", SubscriptionKind.NONE));
        add(m, new CloseConsumerFrame(1, 2, 0), new CloseConsumerFrame(Long.MAX_VALUE, Integer.MIN_VALUE, -1));
        add(m, new PullFrame(1, 2, 0), new PullFrame(Integer.MAX_VALUE, Long.MAX_VALUE, -1),
                new PullFrame(3, Long.MIN_VALUE, Long.MAX_VALUE));
        add(m, new PullEmptyFrame(1, 2), new PullEmptyFrame(Integer.MIN_VALUE, Long.MIN_VALUE));
        for (AckKind kind : AckKind.values()) {
            add(m, new AckFrame(kind.ordinal(), Long.MAX_VALUE - kind.ordinal(), kind, kind.ordinal()));
        }
        add(m, new AckFrame(Integer.MIN_VALUE, 0, AckKind.CONSUMED_ONE, Integer.MAX_VALUE));
        add(m, new SendFrame(0, 1, queue, new byte[0]), new SendFrame(Long.MAX_VALUE, Integer.MAX_VALUE,
                tempTopic, bytes(1, 300)), new SendFrame(5, 6, WireDestination.topic("t"), bytes(2, LARGE)));
        add(m, new SendCreditFrame(1), new SendCreditFrame(Integer.MAX_VALUE));
        add(m, new DeliverFrame(1, 2, 1, new byte[0]), new DeliverFrame(Integer.MIN_VALUE, Long.MIN_VALUE,
                Integer.MAX_VALUE, bytes(3, 300)), new DeliverFrame(4, 5, 2, bytes(4, LARGE)));
        add(m, new CreateTempDestinationFrame(1, tempQueue), new CreateTempDestinationFrame(Long.MAX_VALUE, tempTopic));
        add(m, new DeleteTempDestinationFrame(1, tempTopic), new DeleteTempDestinationFrame(Long.MIN_VALUE,
                tempQueue));
        add(m, new BrowseFrame(1, queue, null, 10, 0, 100), new BrowseFrame(Long.MAX_VALUE, tempQueue,
                "color = 'red' AND " + NON_ASCII.length() + " > 1", 0, Long.MAX_VALUE, Integer.MAX_VALUE));
        add(m, new BrowsedFrame(1, List.of(), List.of(), 10, 0, false), new BrowsedFrame(2,
                List.of(bytes(5, 300), new byte[0], bytes(6, LARGE)), List.of(1, 2, Integer.MAX_VALUE), 4, 99, true));
        add(m, new UnsubscribeFrame(1, "sub"), new UnsubscribeFrame(Long.MAX_VALUE, NON_ASCII),
                new UnsubscribeFrame(2, ""));

        m.replaceAll((type, frames) -> Collections.unmodifiableList(frames));
        return Collections.unmodifiableMap(m);
    }

    private static void add(Map<FrameType, List<Frame>> m, Frame... frames) {
        for (Frame f : frames) {
            m.computeIfAbsent(f.type(), t -> new ArrayList<>()).add(f);
        }
    }

    /** {@code n} reproducible pseudo-random bytes. */
    static byte[] bytes(long seed, int n) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }
}
