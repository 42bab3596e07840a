/**
 * JNDI for Wren: {@link io.wrenmq.jms.jndi.WrenInitialContextFactory}, the initial context of standalone programs
 * configured by {@code jndi.properties}, and {@link io.wrenmq.jms.jndi.WrenObjectFactory}, which rebuilds
 * connection factories and destinations bound in a container's or a directory's JNDI from their references or
 * resource attributes. Neither needs anything beyond the JDK's {@code java.naming}.
 */
package io.wrenmq.jms.jndi;
