package io.wrenmq.tck.objects;

import java.io.Serializable;

/** An application's payload class, in a package that no deserialization list allows unless a test does. */
public record Shipment(String item, int quantity) implements Serializable {
}
