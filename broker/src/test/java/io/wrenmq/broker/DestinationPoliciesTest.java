package io.wrenmq.broker;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Destination policies: Artemis-style name patterns, the most specific winning each setting. */
class DestinationPoliciesTest {

    private static DestinationPolicies policies(String... keyValues) {
        Properties p = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return BrokerConfig.fromProperties(p).policies();
    }

    @Test
    void withoutRulesEveryDestinationHasTheDefault() {
        assertEquals(DestinationPolicy.DEFAULT, policies().forDestination("orders"));
        assertEquals(new DestinationPolicy(4, Duration.ofSeconds(2), "Dead", "Old"), policies(
                "max-delivery-attempts", "4", "redelivery-delay", "2s", "dead-letter-queue", "Dead",
                "expiry-queue", "Old").forDestination("anything"));
    }

    @Test
    void starMatchesOneWordAndHashAnyNumber() {
        DestinationPolicies p = policies("policy.orders.*.max-delivery-attempts", "3",
                "policy.audit.#.max-delivery-attempts", "5");
        assertEquals(3, p.forDestination("orders.eu").maxDeliveryAttempts());
        assertEquals(10, p.forDestination("orders").maxDeliveryAttempts());
        assertEquals(10, p.forDestination("orders.eu.north").maxDeliveryAttempts());
        assertEquals(5, p.forDestination("audit").maxDeliveryAttempts());
        assertEquals(5, p.forDestination("audit.a.b.c").maxDeliveryAttempts());
        assertEquals(10, p.forDestination("auditing").maxDeliveryAttempts());
    }

    @Test
    void theMostSpecificPatternWinsEachSetting() {
        DestinationPolicies p = policies(
                "policy.#.dead-letter-queue", "AllDead",
                "policy.orders.#.max-delivery-attempts", "3",
                "policy.orders.*.max-delivery-attempts", "4",
                "policy.orders.eu.max-delivery-attempts", "5",
                "policy.orders.eu.redelivery-delay", "100ms");
        DestinationPolicy eu = p.forDestination("orders.eu");
        assertEquals(5, eu.maxDeliveryAttempts());
        assertEquals(Duration.ofMillis(100), eu.redeliveryDelay());
        assertEquals("AllDead", eu.deadLetterQueue(), "a setting no closer pattern sets comes from a wider one");
        assertEquals(4, p.forDestination("orders.us").maxDeliveryAttempts());
        assertEquals(3, p.forDestination("orders.us.east").maxDeliveryAttempts());
        assertEquals(10, p.forDestination("invoices").maxDeliveryAttempts());
    }

    @Test
    void anEmptyExpiryQueueDropsExpiredMessages() {
        assertTrue(!policies("policy.ticks.#.expiry-queue", "").forDestination("ticks.eur").keepsExpired());
    }

    @Test
    void badPolicySettingsNameTheOption() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> policies("policy.orders.retries", "3"));
        assertTrue(unknown.getMessage().contains("policy.orders.retries"), unknown.getMessage());
        IllegalArgumentException number = assertThrows(IllegalArgumentException.class,
                () -> policies("policy.orders.max-delivery-attempts", "many"));
        assertTrue(number.getMessage().contains("policy.orders.max-delivery-attempts"), number.getMessage());
        assertThrows(IllegalArgumentException.class, () -> policies("max-delivery-attempts", "-1"));
        assertThrows(IllegalArgumentException.class, () -> policies("dead-letter-queue", " "));
        assertThrows(IllegalArgumentException.class, () -> policies("policy..max-delivery-attempts", "1"));
    }
}
