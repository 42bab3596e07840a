package io.wrenmq.persistence;

/** The store could not do what it was asked: the database is unreachable, refused a write, or is too new. */
public class StoreException extends RuntimeException {

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
