package io.wrenmq.persistence;

/**
 * A place in a holder's delivery order: priority from high to low, then id from low to high. A read "after" a
 * position returns what follows it in that order.
 */
public record Position(int priority, long messageId) implements Comparable<Position> {

    /** Before every message: a read after it starts at the beginning. */
    public static final Position START = new Position(10, 0);

    /** Negative if this comes before {@code o} in delivery order. */
    @Override
    public int compareTo(Position o) {
        if (priority != o.priority) {
            return Integer.compare(o.priority, priority);
        }
        return Long.compare(messageId, o.messageId);
    }
}
