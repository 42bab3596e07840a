package io.wrenmq.broker.transport;

import io.wrenmq.broker.BrokerConfig;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The TLS options' validation; TlsTest in the conformance tests covers real stores and handshakes. */
class TlsConfigTest {

    private static String invalid(String... keysAndValues) {
        BrokerConfig.Builder b = BrokerConfig.builder();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            b.set(keysAndValues[i], keysAndValues[i + 1]);
        }
        return assertThrows(IllegalArgumentException.class, b::build).getMessage();
    }

    @Test
    @DisplayName("without ssl-port there is no TLS acceptor, and the ssl-* options are documented")
    void offByDefault() {
        assertFalse(BrokerConfig.builder().build().tls().enabled());
        for (String key : new String[] {TlsConfig.PORT, TlsConfig.KEY_STORE, TlsConfig.KEY_STORE_PASSWORD,
                TlsConfig.KEY_STORE_TYPE, TlsConfig.TRUST_STORE, TlsConfig.TRUST_STORE_PASSWORD,
                TlsConfig.TRUST_STORE_TYPE, TlsConfig.CLIENT_AUTH, TlsConfig.PROTOCOLS, TlsConfig.CIPHER_SUITES}) {
            assertTrue(BrokerConfig.KEYS.containsKey(key), key);
        }
    }

    @Test
    @DisplayName("each TLS mistake is named: no key store, client auth without trust store, options without a port")
    void namesEachMistake() {
        assertTrue(invalid("ssl-port", "0").contains("ssl-port needs ssl-key-store"));
        assertTrue(invalid("ssl-port", "0", "ssl-key-store", "k.p12", "ssl-client-auth", "need")
                .contains("ssl-client-auth=need needs ssl-trust-store"));
        assertTrue(invalid("ssl-key-store", "k.p12").contains("ssl-* options are set but ssl-port is not"));
        assertTrue(invalid("ssl-port", "70000", "ssl-key-store", "k.p12").contains("ssl-port 70000 is not within"));
        assertEquals("option 'ssl-client-auth': 'maybe' is not none, want or need",
                assertThrows(IllegalArgumentException.class,
                        () -> BrokerConfig.builder().set("ssl-client-auth", "maybe")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BrokerConfig.builder().set("ssl-bogus", "1"))
                .getMessage().contains("unknown option 'ssl-bogus'"));
    }

    @Test
    @DisplayName("a key store that is missing, not a key store, or of an unknown type is one line naming the option")
    void unreadableKeyStores(@TempDir Path dir) throws Exception {
        Path garbage = Files.writeString(dir.resolve("garbage.p12"), "not a key store");
        String missing = invalid("ssl-port", "0", "ssl-key-store", dir.resolve("none.p12").toString(),
                "ssl-key-store-password", "secret-pw");
        assertTrue(missing.contains("ssl-key-store " + dir.resolve("none.p12") + ": no such file"), missing);
        assertFalse(missing.contains("secret-pw"), missing);
        String unreadable = invalid("ssl-port", "0", "ssl-key-store", garbage.toString());
        assertTrue(unreadable.contains("cannot read it as a PKCS12 key store"), unreadable);
        String type = invalid("ssl-port", "0", "ssl-key-store", garbage.toString(), "ssl-key-store-type", "XYZ");
        assertTrue(type.contains("unknown key store type 'XYZ'"), type);
        assertFalse(unreadable.contains("\n") || type.contains("\n"));
    }
}
