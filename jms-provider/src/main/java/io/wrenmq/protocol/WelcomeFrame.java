package io.wrenmq.protocol;

/**
 * The broker's answer to a {@link HelloFrame} it accepts.
 *
 * <pre>
 * version: u16 | brokerVersion: str | connectionId: str | maxFrameSize: i32 | sendWindow: i32 | heartbeatMs: i32
 * </pre>
 *
 * @param connectionId unique among the broker's connections; prefixes the ids the client gives its messages
 * @param maxFrameSize the largest frame the broker accepts; the client refuses bigger messages itself
 * @param sendWindow bytes of unreceipted sends the client may have in flight before it waits for
 *        {@link SendCreditFrame}
 * @param heartbeatMs how often the broker sends {@link PingFrame} on an idle connection; 0 for never
 */
public record WelcomeFrame(int version, String brokerVersion, String connectionId, int maxFrameSize, int sendWindow,
                           int heartbeatMs) implements Frame {

    public WelcomeFrame {
        // The wire has 16 bits for it, as in HelloFrame.
        if (version < 0 || version > 0xFFFF) {
            throw new IllegalArgumentException("version " + version + " is not 0..65535");
        }
    }

    @Override
    public FrameType type() {
        return FrameType.WELCOME;
    }
}
