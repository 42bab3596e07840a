package io.wrenmq.broker.security;

/** A login the broker refuses; the message is for the client, and says no more than it should. */
public final class LoginRefusedException extends Exception {
    private static final long serialVersionUID = 1L;

    LoginRefusedException(String message) {
        super(message, null, false, false);
    }
}
