package io.wrenmq.protocol.codec;

/** A frame's bytes do not follow the protocol: unknown type, truncated body, bad length, trailing bytes. */
public class MalformedFrameException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedFrameException(String message) {
        super(message);
    }
}
