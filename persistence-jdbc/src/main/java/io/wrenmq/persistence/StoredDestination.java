package io.wrenmq.persistence;

import java.util.Objects;

/** A queue or a topic that outlives the broker process. Temporary destinations are never stored. */
public record StoredDestination(long id, Kind kind, String name) {

    public enum Kind { QUEUE, TOPIC }

    public StoredDestination {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
    }
}
