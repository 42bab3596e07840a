/**
 * The broker's core: destinations, subscriptions, consumers, dispatch and acknowledgement. It never sees a frame
 * or a socket: the transport calls {@link io.wrenmq.broker.core.ServerConnection}, and the core answers through the
 * narrow {@link io.wrenmq.broker.core.ClientChannel} callback.
 *
 * <h2>Threads</h2>
 * Each destination is a single writer: its state, its subscriptions' and its consumers' (credit, deliveries in
 * flight) change only on the destination's event loop, reached through {@link io.wrenmq.broker.core.Destination#run}.
 * A connection's own bookkeeping (its sessions and consumers by id) changes only on the connection's event loop.
 * Nothing on the message path takes a lock. Work that crosses from one to the other is posted as a task, and
 * tasks from one thread to one event loop run in the order they were posted, which is what keeps a client's
 * acknowledgements, closes and sends in order.
 */
package io.wrenmq.broker.core;
