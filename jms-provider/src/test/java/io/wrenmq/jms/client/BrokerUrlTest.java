package io.wrenmq.jms.client;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BrokerUrlTest {

    @Test
    @DisplayName("tcp://host:port keeps its host, its port (61700 when left out) and its options")
    void parsesTcpUrls() {
        BrokerUrl url = BrokerUrl.parse("tcp://broker.example.com?prefetch=5");
        assertFalse(url.inVm());
        assertEquals("broker.example.com:61700", url.address());
        assertEquals(5, url.prefetch(1000));
        assertEquals("tcp://h:1?user=u&password=***", BrokerUrl.parse("tcp://h:1?user=u&password=secret").toString());
    }

    @Test
    @DisplayName("vm://name names an in-VM broker; its broker options are set apart from the connection's")
    void parsesVmUrls() {
        BrokerUrl url = BrokerUrl.parse("vm://orders-test?persistent=false&prefetch=0&dataDir=target/x");
        assertTrue(url.inVm());
        assertEquals("orders-test", url.host());
        assertEquals("vm://orders-test", url.address());
        assertEquals(0, url.prefetch(1000));
        assertEquals(Map.of("persistent", "false", "dataDir", "target/x"), url.brokerOptions());
        assertEquals("vm://orders-test?persistent=false&prefetch=0&dataDir=target/x", url.toString());
        assertEquals("0", BrokerUrl.parse("vm://0").host());
        assertEquals("my_broker", BrokerUrl.parse("VM://my_broker/").host());
    }

    @ParameterizedTest
    @ValueSource(strings = {"vm://", "vm:test", "vm://a:1", "vm://a/b", "vm://bad%20name", "vm://.hidden"})
    @DisplayName("a vm URL without a plain broker name is refused, saying what a name may be")
    void refusesVmUrlsWithoutAPlainName(String url) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BrokerUrl.parse(url));
        assertTrue(e.getMessage().contains("vm://name"), e.getMessage());
    }

    @Test
    @DisplayName("broker options are refused on tcp URLs and checked on vm URLs")
    void checksBrokerOptions() {
        IllegalArgumentException tcp = assertThrows(IllegalArgumentException.class,
                () -> BrokerUrl.parse("tcp://h:1?persistent=false"));
        assertTrue(tcp.getMessage().contains("unknown option 'persistent' (it configures an in-VM broker"),
                tcp.getMessage());
        IllegalArgumentException flag = assertThrows(IllegalArgumentException.class,
                () -> BrokerUrl.parse("vm://a?persistent=no"));
        assertEquals("option persistent=no is not true or false", flag.getMessage());
        IllegalArgumentException dir = assertThrows(IllegalArgumentException.class,
                () -> BrokerUrl.parse("vm://a?dataDir="));
        assertTrue(dir.getMessage().contains("dataDir is empty"), dir.getMessage());
    }

    @Test
    @DisplayName("an unknown scheme is refused, naming those that are known")
    void refusesOtherSchemes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BrokerUrl.parse("amqp://h:5672"));
        assertTrue(e.getMessage().contains("unsupported scheme 'amqp'; expected tcp://host:port, ssl://host:port or vm://name"),
                e.getMessage());
    }

    @Test
    @DisplayName("ssl://host:port is TLS, on port 61701 when left out, and no key store password is ever printed")
    void parsesSslUrls() {
        BrokerUrl url = BrokerUrl.parse("ssl://broker.example.com?trustStorePath=/t.p12&trustStorePassword=s3cret"
                + "&keyStorePath=/k.p12&keyStorePassword=s3cret&verifyHost=false&enabledProtocols=TLSv1.3");
        assertTrue(url.tls());
        assertFalse(BrokerUrl.parse("tcp://h").tls());
        assertEquals("broker.example.com:61701", url.address());
        assertFalse(url.flag(ClientTls.VERIFY_HOST, true));
        assertTrue(BrokerUrl.parse("ssl://h:1").flag(ClientTls.VERIFY_HOST, true));
        assertFalse(url.toString().contains("s3cret"), url.toString());
        assertTrue(url.toString().contains("trustStorePassword=***"), url.toString());
    }

    @Test
    @DisplayName("Artemis's tcp://host:port?sslEnabled=true is TLS to that port, with the TLS options")
    void sslEnabledIsTls() {
        BrokerUrl url = BrokerUrl.parse("tcp://broker.example.com:61617?sslEnabled=true&trustStorePath=/t.p12"
                + "&prefetch=5");
        assertTrue(url.tls());
        assertEquals("broker.example.com:61617", url.address());
        assertEquals("/t.p12", url.option(ClientTls.TRUST_STORE_PATH));
        assertEquals(5, url.prefetch(BrokerUrl.DEFAULT_PREFETCH));
        assertNull(url.option(BrokerUrl.SSL_ENABLED));
        assertFalse(BrokerUrl.parse("tcp://h:1?sslEnabled=false").tls());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> BrokerUrl.parse("tcp://h:1?sslEnabled=yes"));
        assertEquals("option sslEnabled=yes is not true or false", bad.getMessage());
    }

    @Test
    @DisplayName("TLS options are refused on tcp URLs, and verifyHost must be true or false")
    void checksTlsOptions() {
        IllegalArgumentException tcp = assertThrows(IllegalArgumentException.class,
                () -> BrokerUrl.parse("tcp://h:1?trustStorePath=/t.p12"));
        assertTrue(tcp.getMessage().contains("unknown option 'trustStorePath' (a TLS option: ssl:// URLs, or "
                + "tcp:// with sslEnabled=true)"), tcp.getMessage());
        IllegalArgumentException flag = assertThrows(IllegalArgumentException.class,
                () -> BrokerUrl.parse("ssl://h:1?verifyHost=no"));
        assertEquals("option verifyHost=no is not true or false", flag.getMessage());
    }
}
