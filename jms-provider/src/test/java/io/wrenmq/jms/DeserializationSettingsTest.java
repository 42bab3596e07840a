package io.wrenmq.jms;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The connection factory's deserialization settings, as bean properties and URL options, checked when set. */
class DeserializationSettingsTest {

    @Test
    @DisplayName("Artemis's setters and ActiveMQ's trustedPackages are one setting")
    void settersShareOneSetting() {
        WrenConnectionFactory f = new WrenConnectionFactory();
        assertNull(f.getDeserializationAllowList());
        assertEquals(List.of(), f.getTrustedPackages());
        f.setTrustedPackages(List.of("com.acme.model", "com.acme.api.Order"));
        assertEquals("com.acme.model,com.acme.api.Order", f.getDeserializationAllowList());
        f.setDeserializationAllowList("org.example.*");
        assertEquals(List.of("org.example"), f.getTrustedPackages());
    }

    @Test
    @DisplayName("a malformed entry is refused when set, by setter or in the URL, naming it")
    void malformedEntriesAreRefused() {
        WrenConnectionFactory f = new WrenConnectionFactory();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> f.setDeserializationDenyList("com.acme,com..evil"));
        assertTrue(e.getMessage().contains("'com..evil'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new WrenConnectionFactory("tcp://h:1?deserializationAllowList=com.acme,a%20b"));
        assertTrue(e.getMessage().contains("deserializationAllowList") && e.getMessage().contains("'a b'"),
                e.getMessage());
        new WrenConnectionFactory("tcp://h:1?deserializationAllowList=com.acme,*&deserializationBlackList=com.x");
    }
}
