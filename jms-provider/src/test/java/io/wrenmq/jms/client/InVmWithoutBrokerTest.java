package io.wrenmq.jms.client;

import io.wrenmq.jms.WrenConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** This module's tests run without the broker jar, as an application that forgot it does. */
class InVmWithoutBrokerTest {

    @Test
    @DisplayName("a vm:// connection without the broker jar fails naming the jar to add")
    void namesTheMissingBrokerJar() {
        WrenConnectionFactory cf = new WrenConnectionFactory("vm://test?persistent=false");
        JMSException e = assertThrows(JMSException.class, cf::createConnection);
        assertTrue(e.getMessage().contains("vm://test needs a broker in this JVM"), e.getMessage());
        assertTrue(e.getMessage().contains("add io.wrenmq:wren-broker"), e.getMessage());
        JMSRuntimeException runtime = assertThrows(JMSRuntimeException.class, cf::createContext);
        assertTrue(runtime.getMessage().contains("io.wrenmq:wren-broker"), runtime.getMessage());
    }
}
