package io.wrenmq.broker.core;

import io.wrenmq.protocol.ErrorCode;

/** A client request the broker refuses; the code says which {@code jakarta.jms} exception the client throws. */
public class BrokerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public BrokerException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
