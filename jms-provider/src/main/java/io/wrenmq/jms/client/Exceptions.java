package io.wrenmq.jms.client;

import io.wrenmq.protocol.ErrorCode;
import jakarta.jms.IllegalStateException;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.InvalidClientIDException;
import jakarta.jms.InvalidClientIDRuntimeException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.InvalidSelectorRuntimeException;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageFormatRuntimeException;
import jakarta.jms.MessageNotWriteableException;
import jakarta.jms.MessageNotWriteableRuntimeException;
import jakarta.jms.ResourceAllocationException;
import jakarta.jms.ResourceAllocationRuntimeException;
import jakarta.jms.TransactionInProgressException;
import jakarta.jms.TransactionInProgressRuntimeException;
import jakarta.jms.TransactionRolledBackException;
import jakarta.jms.TransactionRolledBackRuntimeException;

/** Turns broker error codes into the exceptions the specification names, and checked ones into unchecked ones. */
public final class Exceptions {

    private Exceptions() {
    }

    /** The checked exception for a broker error. */
    public static JMSException of(ErrorCode code, String message) {
        return switch (code) {
            case ILLEGAL_STATE -> new IllegalStateException(message);
            case INVALID_CLIENT_ID -> new InvalidClientIDException(message);
            case INVALID_DESTINATION -> new InvalidDestinationException(message);
            case INVALID_SELECTOR -> new InvalidSelectorException(message);
            case SECURITY -> new JMSSecurityException(message);
            case RESOURCE_ALLOCATION -> new ResourceAllocationException(message);
            case TRANSACTION_ROLLED_BACK -> new TransactionRolledBackException(message);
            case MESSAGE_FORMAT -> new MessageFormatException(message);
            case GENERAL, PROTOCOL -> new JMSException(message);
        };
    }

    /** A {@link JMSException} with its cause attached. */
    public static JMSException withCause(JMSException e, Throwable cause) {
        e.setLinkedException(cause instanceof Exception ex ? ex : new Exception(cause));
        e.initCause(cause);
        return e;
    }

    /** A call into the classic API, which throws checked exceptions. */
    @FunctionalInterface
    public interface Call<T> {
        T call() throws JMSException;
    }

    /** A call into the classic API without a result. */
    @FunctionalInterface
    public interface Action {
        void run() throws JMSException;
    }

    /** Makes {@code call}, turning a {@link JMSException} into its unchecked counterpart: the simplified API's way. */
    public static <T> T call(Call<T> call) {
        try {
            return call.call();
        } catch (JMSException e) {
            throw unchecked(e);
        }
    }

    /** Runs {@code action}, turning a {@link JMSException} into its unchecked counterpart. */
    public static void run(Action action) {
        try {
            action.run();
        } catch (JMSException e) {
            throw unchecked(e);
        }
    }

    /**
     * The unchecked counterpart the simplified API throws, as its javadoc pairs them, with the same message and
     * error code, and {@code e} as its cause.
     */
    public static JMSRuntimeException unchecked(JMSException e) {
        JMSRuntimeException r;
        String m = e.getMessage();
        String c = e.getErrorCode();
        if (e instanceof IllegalStateException) {
            r = new IllegalStateRuntimeException(m, c, e);
        } else if (e instanceof InvalidClientIDException) {
            r = new InvalidClientIDRuntimeException(m, c, e);
        } else if (e instanceof InvalidDestinationException) {
            r = new InvalidDestinationRuntimeException(m, c, e);
        } else if (e instanceof InvalidSelectorException) {
            r = new InvalidSelectorRuntimeException(m, c, e);
        } else if (e instanceof JMSSecurityException) {
            r = new JMSSecurityRuntimeException(m, c, e);
        } else if (e instanceof MessageFormatException) {
            r = new MessageFormatRuntimeException(m, c, e);
        } else if (e instanceof MessageNotWriteableException) {
            r = new MessageNotWriteableRuntimeException(m, c, e);
        } else if (e instanceof ResourceAllocationException) {
            r = new ResourceAllocationRuntimeException(m, c, e);
        } else if (e instanceof TransactionInProgressException) {
            r = new TransactionInProgressRuntimeException(m, c, e);
        } else if (e instanceof TransactionRolledBackException) {
            r = new TransactionRolledBackRuntimeException(m, c, e);
        } else {
            r = new JMSRuntimeException(m, c, e);
        }
        return r;
    }
}
