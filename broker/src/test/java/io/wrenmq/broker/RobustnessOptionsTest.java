package io.wrenmq.broker;

import org.junit.jupiter.api.Test;

import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The limits and full-policy options: read by name, defaults as documented, nonsense refused naming the option. */
class RobustnessOptionsTest {

    private static BrokerConfig config(String... keyValues) {
        Properties p = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return BrokerConfig.fromProperties(p);
    }

    @Test
    void limitsHaveSafeDefaultsAndAreReadByName() {
        assertEquals(ConnectionLimits.DEFAULT, config().limits());
        ConnectionLimits l = config("max-connections", "5", "max-sessions-per-connection", "6",
                "max-consumers-per-connection", "7", "max-selector-length", "1k").limits();
        assertEquals(new ConnectionLimits(5, 6, 7, 1024), l);
    }

    @Test
    void everyLimitIsDocumented() {
        for (String key : new String[] {ConnectionLimits.MAX_CONNECTIONS, ConnectionLimits.MAX_SESSIONS,
                ConnectionLimits.MAX_CONSUMERS, ConnectionLimits.MAX_SELECTOR_LENGTH, DestinationPolicy.FULL_POLICY}) {
            assertTrue(BrokerConfig.KEYS.containsKey(key), key);
        }
    }

    @Test
    void aLimitBelowOneOrNotANumberIsRefusedNamingIt() {
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> config("max-connections", "0"));
        assertTrue(zero.getMessage().contains("max-connections"), zero.getMessage());
        IllegalArgumentException word = assertThrows(IllegalArgumentException.class,
                () -> config("max-selector-length", "long"));
        assertTrue(word.getMessage().contains("max-selector-length"), word.getMessage());
    }

    @Test
    void fullPolicyBlocksByDefaultAndFailsWhereAPatternSaysSo() {
        DestinationPolicies p = config("policy.orders.#.full-policy", "fail").policies();
        assertEquals(FullPolicy.BLOCK, p.forDestination("invoices").fullPolicy());
        assertEquals(FullPolicy.FAIL, p.forDestination("orders.eu").fullPolicy());
        assertEquals(FullPolicy.FAIL, config("full-policy", "FAIL").policies().forDestination("x").fullPolicy());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> config("policy.orders.full-policy", "drop"));
        assertTrue(bad.getMessage().contains("full-policy"), bad.getMessage());
    }
}
