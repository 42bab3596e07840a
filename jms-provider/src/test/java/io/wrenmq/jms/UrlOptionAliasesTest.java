package io.wrenmq.jms;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class UrlOptionAliasesTest {

    @Test
    @DisplayName("the option names of ActiveMQ, Artemis and Qpid JMS URLs become Wren's")
    void renamesOtherProvidersOptions() {
        assertEquals("tcp://h:1?clientID=a&user=u&password=p&prefetch=0",
                UrlOptionAliases.canonical("tcp://h:1?jms.clientID=a&jms.userName=u&jms.password=p"
                        + "&jms.prefetchPolicy.all=0"));
        assertEquals("tcp://h?user=u&clientID=c&user=v",
                UrlOptionAliases.canonical("tcp://h?username=u&clientId=c&jms.username=v"));
        assertEquals("tcp://h?deserializationAllowList=a&deserializationDenyList=b",
                UrlOptionAliases.canonical("tcp://h?deserializationWhiteList=a&deserializationBlackList=b"));
    }

    @Test
    @DisplayName("Wren's own options, options without a value and URLs without options pass unchanged")
    void leavesEverythingElseAlone() {
        assertEquals("tcp://h:1?prefetch=5&connectTimeout=10&x",
                UrlOptionAliases.canonical("tcp://h:1?prefetch=5&connectTimeout=10&x"));
        assertEquals("tcp://h:1", UrlOptionAliases.canonical("tcp://h:1"));
        assertNull(UrlOptionAliases.canonical(null));
    }

    @Test
    @DisplayName("a factory accepts the aliases and still refuses an unknown option, naming it")
    void factoryAcceptsAliasesAndRefusesUnknownOptions() {
        WrenConnectionFactory f = new WrenConnectionFactory("tcp://h:1?jms.clientID=a&jms.prefetchPolicy.all=3");
        assertEquals("tcp://h:1?jms.clientID=a&jms.prefetchPolicy.all=3", f.getBrokerUrl());
        assertEquals("WrenConnectionFactory[tcp://h:1?clientID=a&prefetch=3]", f.toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new WrenConnectionFactory("tcp://h:1?jms.redeliveryPolicy.maximumRedeliveries=3"));
        assertEquals(true, e.getMessage().contains("jms.redeliveryPolicy.maximumRedeliveries"), e.getMessage());
    }
}
