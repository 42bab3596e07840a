package io.wrenmq.broker;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InVmBrokerConnectorTest {

    @Test
    @DisplayName("a broker started for vm://name is persistent in ./data/<name> and opens no TCP port")
    void defaultsOfABrokerStartedForAUrl() {
        BrokerConfig c = InVmBrokerConnector.configFor("orders", Map.of());
        assertEquals("orders", c.name());
        assertFalse(c.tcp());
        assertTrue(c.persistent());
        assertEquals(Path.of("data", "orders"), c.dataDir());
    }

    @Test
    @DisplayName("persistent=false and dataDir from the URL configure the broker")
    void urlOptionsConfigureTheBroker() {
        BrokerConfig c = InVmBrokerConnector.configFor("t", Map.of("persistent", "false", "dataDir", "/tmp/x"));
        assertFalse(c.persistent());
        assertEquals(Path.of("/tmp/x"), c.dataDir());
    }

    @Test
    @DisplayName("a broker without TCP needs a name, and a name is plain")
    void configurationChecksNameAndTcp() {
        IllegalArgumentException noName = assertThrows(IllegalArgumentException.class,
                () -> BrokerConfig.builder().tcp(false).build());
        assertTrue(noName.getMessage().contains("tcp=false needs a name"), noName.getMessage());
        IllegalArgumentException badName = assertThrows(IllegalArgumentException.class,
                () -> BrokerConfig.builder().name("../x").build());
        assertTrue(badName.getMessage().contains("name '../x' must be"), badName.getMessage());
    }
}
