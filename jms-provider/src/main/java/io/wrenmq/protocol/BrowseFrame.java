package io.wrenmq.protocol;

import java.util.Objects;

/**
 * {@code QueueBrowser}: asks for the next page of a queue's waiting messages, in delivery order (priority high to
 * low, then arrival), after a position, without consuming them. The broker answers {@link BrowsedFrame}.
 *
 * <pre>
 * requestId: i64 | queue: destination | selector: str? | afterPriority: i32 | afterId: i64 | max: i32
 * </pre>
 *
 * @param afterPriority with {@code afterId}, the position after which the page starts: the {@code last...} of the
 *        previous {@link BrowsedFrame}, or priority 10 and id 0 for the first page
 * @param max the most messages the page may hold (the broker may send fewer, to keep a frame small)
 */
public record BrowseFrame(long requestId, WireDestination queue, String selector, int afterPriority, long afterId,
                          int max) implements Frame {

    public BrowseFrame {
        Objects.requireNonNull(queue, "queue");
        if (max < 1) {
            throw new IllegalArgumentException("max " + max + " < 1");
        }
    }

    @Override
    public FrameType type() {
        return FrameType.BROWSE;
    }
}
