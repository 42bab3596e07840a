package io.wrenmq.broker.core;

/**
 * The client broke the protocol (a frame that refers to nothing, a malformed message). Not a request to refuse
 * but a client to drop: the transport closes the connection with this reason.
 */
public class ProtocolViolationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ProtocolViolationException(String message) {
        super(message);
    }
}
