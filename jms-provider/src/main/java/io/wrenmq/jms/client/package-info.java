/**
 * The implementation behind {@link io.wrenmq.jms.WrenConnectionFactory}: connections, sessions, producers and
 * consumers over the wire protocol. Internal: applications program against {@code jakarta.jms}.
 *
 * <h2>Threads</h2>
 * Frames are written by the application thread that sends them (see {@link io.wrenmq.jms.client.ClientTransport}),
 * and arrive on the connection's reader thread, which only files them: a delivery goes into its consumer's
 * buffer, a reply completes the waiting request. Application code never runs there: {@code receive} takes from the
 * buffer on the caller's thread, and message listeners of one session run one at a time on that session's
 * {@link io.wrenmq.jms.client.SerialExecutor}.
 */
package io.wrenmq.jms.client;
