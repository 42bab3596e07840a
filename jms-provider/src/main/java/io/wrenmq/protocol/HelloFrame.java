package io.wrenmq.protocol;

/**
 * The client's first frame: who it is and which protocol it speaks.
 *
 * <pre>
 * magic: i32 ({@link Protocol#MAGIC}) | version: u16 | clientId: str? | user: str? | password: str? | heartbeatMs: i32
 * </pre>
 * The broker answers {@link WelcomeFrame} or an {@link ErrorFrame} followed by closing the connection.
 *
 * @param heartbeatMs how often the client wants to hear from an idle broker; 0 for never
 */
public record HelloFrame(int version, String clientId, String user, String password, int heartbeatMs)
        implements Frame {

    public HelloFrame {
        // The wire has 16 bits for it: a larger version would arrive truncated, as a version the broker may speak.
        if (version < 0 || version > 0xFFFF) {
            throw new IllegalArgumentException("version " + version + " is not 0..65535");
        }
    }

    @Override
    public FrameType type() {
        return FrameType.HELLO;
    }

    @Override
    public String toString() {
        // Never let a password reach a log line.
        return "HelloFrame[version=" + version + ", clientId=" + clientId + ", user=" + user
                + ", password=" + (password == null ? "null" : "***") + ", heartbeatMs=" + heartbeatMs + "]";
    }
}
