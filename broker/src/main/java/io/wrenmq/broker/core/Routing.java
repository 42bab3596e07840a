package io.wrenmq.broker.core;

import io.wrenmq.persistence.StoredMessage;

import java.util.List;

/**
 * One message on its way into a destination, readied on the destination's event loop: its id, and the queues it
 * enters (a queue's one, or the subscriptions of a topic that take it), split into those whose store must have it
 * first and those that take it at once. Made by {@link Destination#prepare}; then either {@link #enter} (after the
 * store has committed the stored part) or {@link #abandon} (if it did not), on the same loop.
 *
 * @param deliveries for each stored target, the delivery count its reference starts at (see
 *                   {@link MessageQueue#predictedDeliveries})
 */
record Routing(ServerMessage message, long id, List<MessageQueue> storedTargets, int[] deliveries,
               List<MessageQueue> memoryTargets) {

    /** Whether part of the message waits for the store. */
    boolean needsStore() {
        return !storedTargets.isEmpty();
    }

    long[] holderIds() {
        long[] ids = new long[storedTargets.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = storedTargets.get(i).holderId();
        }
        return ids;
    }

    StoredMessage stored() {
        return message.toStored(id);
    }

    /** The message enters the queues that take it at once. */
    void enterMemoryTargets() {
        for (MessageQueue q : memoryTargets) {
            q.add(message, id);
        }
    }

    /** The store has committed the message: it enters every queue. */
    void enter() {
        for (int i = 0; i < storedTargets.size(); i++) {
            storedTargets.get(i).addStored(message, id, deliveries[i]);
        }
        enterMemoryTargets();
    }

    /** The store did not take the message: it enters no stored queue. */
    void abandon() {
        for (MessageQueue q : storedTargets) {
            q.storingFailed(id);
        }
    }
}
