package io.wrenmq.broker;

/** The broker could not start; the message says why in one line an operator can act on. */
public class BrokerStartException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BrokerStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
