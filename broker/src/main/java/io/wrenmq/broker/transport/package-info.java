/**
 * The TCP transport: the Netty server and, per connection, the handler that turns frames into calls on the core
 * and the core's answers into frames.
 */
package io.wrenmq.broker.transport;
