package io.wrenmq.protocol;

/**
 * Sent by either side on an otherwise idle connection so that the other can tell it is alive. Carries no body
 * and asks for no answer.
 */
public record PingFrame() implements Frame {

    public static final PingFrame INSTANCE = new PingFrame();

    @Override
    public FrameType type() {
        return FrameType.PING;
    }
}
