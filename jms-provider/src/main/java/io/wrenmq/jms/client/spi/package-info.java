/**
 * What the client needs from elsewhere and finds at run time: the in-VM broker behind {@code vm://} URLs, which
 * the broker jar provides. The client jar compiles without the broker jar; the broker implements these interfaces.
 */
package io.wrenmq.jms.client.spi;
