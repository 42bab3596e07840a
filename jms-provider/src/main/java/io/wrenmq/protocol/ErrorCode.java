package io.wrenmq.protocol;

/**
 * Why a request failed, as carried by {@link ErrorFrame}. Each code names the {@code jakarta.jms} exception the
 * client throws for it.
 */
public enum ErrorCode {
    /** {@code JMSException}. */
    GENERAL(0),
    /** {@code IllegalStateException}. */
    ILLEGAL_STATE(1),
    /** {@code InvalidClientIDException}. */
    INVALID_CLIENT_ID(2),
    /** {@code InvalidDestinationException}. */
    INVALID_DESTINATION(3),
    /** {@code InvalidSelectorException}. */
    INVALID_SELECTOR(4),
    /** {@code JMSSecurityException}. */
    SECURITY(5),
    /** {@code ResourceAllocationException}. */
    RESOURCE_ALLOCATION(6),
    /** {@code TransactionRolledBackException}. */
    TRANSACTION_ROLLED_BACK(7),
    /** {@code MessageFormatException}. */
    MESSAGE_FORMAT(8),
    /** The peer broke the protocol; the connection closes after this frame. */
    PROTOCOL(9);

    private static final ErrorCode[] BY_CODE = values();

    private final int code;

    ErrorCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The code for a wire value, or null for a value this version does not know. */
    public static ErrorCode ofCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
