/**
 * The implementation behind {@link io.wrenmq.jms.WrenConnectionFactory}: connections, sessions, producers and
 * consumers over the wire protocol. Internal: applications program against {@code jakarta.jms}.
 *
 * <h2>Threads</h2>
 * Frames are written by the application thread that sends them (see {@link io.wrenmq.jms.client.ClientTransport}),
 * and are read by one thread at a time, which only files them: a delivery goes into its consumer's buffer, a reply
 * completes the waiting request. {@code receive} takes from the buffer on the caller's thread, and message
 * listeners of one session run one at a time on that session's {@link io.wrenmq.jms.client.SerialExecutor}; a
 * reading thread runs a listener only after handing reading to another (see
 * {@link io.wrenmq.jms.client.ClientThreads}), so application code never holds up the frames of others.
 */
package io.wrenmq.jms.client;
