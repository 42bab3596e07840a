package io.wrenmq.protocol.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.wrenmq.protocol.Protocol;

import java.util.List;

/**
 * Splits the byte stream into frames. An explicit state machine:
 * <ul>
 *   <li>{@code READ_LENGTH}: waits for the 4-byte length; a length below 1 or above the limit is refused right
 *       there, before a byte of the body is buffered;</li>
 *   <li>{@code READ_BODY}: waits for the whole frame, then decodes it through {@link FrameCodec};</li>
 *   <li>{@code BAD_FRAME}: after a {@link DecodeFailure} has been emitted, discards all input until the
 *       connection closes.</li>
 * </ul>
 * Not sharable: one instance per channel.
 */
public final class FrameDecoder extends ByteToMessageDecoder {
    private enum State { READ_LENGTH, READ_BODY, BAD_FRAME }

    private final int maxFrameSize;
    /** The limit now: {@code firstFrameLimit} until the first frame is decoded, then {@link #maxFrameSize}. */
    private int limit;
    private State state = State.READ_LENGTH;
    private int length;
    private boolean decodedAny;

    /** @param maxFrameSize the largest {@code length} accepted, type byte and body included */
    public FrameDecoder(int maxFrameSize) {
        this(maxFrameSize, maxFrameSize);
    }

    /**
     * @param maxFrameSize    the largest {@code length} accepted, type byte and body included
     * @param firstFrameLimit the largest first frame: a peer that has not introduced itself yet must not make this
     *                        end buffer a whole {@code maxFrameSize}
     */
    public FrameDecoder(int maxFrameSize, int firstFrameLimit) {
        if (maxFrameSize < Protocol.MIN_MAX_FRAME_SIZE) {
            throw new IllegalArgumentException("maxFrameSize " + maxFrameSize + " is below the minimum of "
                    + Protocol.MIN_MAX_FRAME_SIZE + " bytes");
        }
        this.maxFrameSize = maxFrameSize;
        this.limit = Math.min(maxFrameSize, firstFrameLimit);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        switch (state) {
            case READ_LENGTH:
                if (in.readableBytes() < 4) {
                    return;
                }
                length = in.readInt();
                if (length < 1) {
                    fail(in, out, "frame length " + length + " is below 1");
                    return;
                }
                if (length > limit) {
                    fail(in, out, !decodedAny && looksLikeTlsHandshake(length)
                            ? "the peer opened with a TLS handshake, not a Wren frame: this port takes plain tcp:// "
                            + "clients; TLS clients connect to the broker's ssl-port"
                            : "frame of " + length + " bytes exceeds the limit of " + limit + " bytes");
                    return;
                }
                state = State.READ_BODY;
                // fall through: the body may already be here
            case READ_BODY:
                if (in.readableBytes() < length) {
                    return;
                }
                int typeCode = in.readUnsignedByte();
                ByteBuf body = in.readSlice(length - 1);
                state = State.READ_LENGTH;
                try {
                    out.add(FrameCodec.decode(typeCode, body));
                    limit = maxFrameSize;
                    decodedAny = true;
                } catch (MalformedFrameException e) {
                    fail(in, out, e.getMessage());
                }
                return;
            case BAD_FRAME:
                in.skipBytes(in.readableBytes());
                return;
            default:
                throw new AssertionError(state);
        }
    }

    /**
     * Whether the first four bytes, read as a length, are those of a TLS record carrying a handshake (content type
     * 22, version 3.x): a TLS client at a plain port, which deserves a clearer word than "frame too large".
     */
    private static boolean looksLikeTlsHandshake(int firstWord) {
        return (firstWord >>> 24) == 0x16 && ((firstWord >>> 16) & 0xff) == 0x03;
    }

    private void fail(ByteBuf in, List<Object> out, String reason) {
        state = State.BAD_FRAME;
        in.skipBytes(in.readableBytes());
        out.add(new DecodeFailure(reason));
    }
}
