package io.wrenmq.broker.core;

import io.wrenmq.protocol.SubscriptionKind;
import io.wrenmq.protocol.WireDestination;

import java.util.Objects;

/** What a client asks for when it opens a consumer. */
public record ConsumerSpec(WireDestination destination, String selector, boolean noLocal, int prefetch,
                           String subscriptionName, SubscriptionKind subscriptionKind) {

    public ConsumerSpec {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(subscriptionKind, "subscriptionKind");
    }
}
