package io.wrenmq.broker;

import java.util.Locale;

/** What a send meets when its destination already holds {@code max-destination-memory} of waiting messages. */
public enum FullPolicy {
    /** The producer waits (its receipt or send window is held back) until consumers make room. */
    BLOCK,
    /** The send is refused: {@code ResourceAllocationException}, or the CompletionListener's exception. */
    FAIL;

    /** As the configuration spells it. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException for anything but {@code block} or {@code fail} */
    static FullPolicy parse(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "block" -> BLOCK;
            case "fail" -> FAIL;
            default -> throw new IllegalArgumentException("'" + value + "' is neither block nor fail");
        };
    }
}
