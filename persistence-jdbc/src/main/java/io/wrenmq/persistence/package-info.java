/**
 * The broker's durable-state contract: {@link io.wrenmq.persistence.MessageStore} and the records it speaks in.
 * Knows no JMS and no network; implementations live in sub-packages.
 */
package io.wrenmq.persistence;
