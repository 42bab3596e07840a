package io.wrenmq.protocol;

/** An encoded message does not follow {@link MessageLayout}: truncated, trailing bytes, a bad length or tag. */
public class MalformedMessageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MalformedMessageException(String message) {
        super(message);
    }
}
